import NIOCore
import QuorumCore

/// Thread CPU, in microseconds per call, of Quorum's own steps for one OpenAI call: build and write
/// the request body, decode the answer (or parse and decode the SSE events), and assemble usage, cost
/// and the completion. No sockets, so nothing else is counted. `quorum bench providers` reports it;
/// it lives here because it times this target's internal wire code.
package enum OpenAIOwnWork {
    package static func measure(
        _ request: ChatRequest, answer: String, events streamEvents: [String], iterations: Int = 20_000
    ) -> (whole: Double, streamed: Double) {
        let wire = OpenAIWire(
            url: "http://127.0.0.1:1/v1/chat/completions", model: "bench-model", modelName: "bench",
            headers: [("authorization", "Bearer sk-bench")], quirks: OpenAIQuirks(), redactor: Redactor(secrets: ["sk-bench"]))
        let price = Price(input: USD(string: "2")!, output: USD(string: "8")!)
        let body = ByteBuffer(string: answer)
        let events = streamEvents.map { ByteBuffer(string: $0) }
        var sink = 0

        let whole = CPUTime.perIteration(iterations) {
            let request = try! wire.makeRequest(request, stream: false)
            let result = try! wire.decodeCompletion(body)
            let usage = result.usage ?? .zero
            let completion = Completion(
                text: result.text, usage: usage, cost: price.cost(of: usage), finishReason: result.finishReason,
                model: result.model ?? "bench", requestID: result.responseID)
            sink &+= request.body.readableBytes &+ completion.text.utf8.count
        }
        let streamed = CPUTime.perIteration(iterations) {
            let request = try! wire.makeRequest(request, stream: true)
            var parser = SSEParser()
            var decoder = wire.makeStreamDecoder()
            for chunk in events {
                for event in parser.feed(chunk) { sink &+= (try! decoder.consume(event))?.utf8.count ?? 0 }
            }
            let result = decoder.result
            let usage = result.usage ?? .zero
            let completion = Completion(text: result.text, usage: usage, cost: price.cost(of: usage))
            sink &+= request.body.readableBytes &+ completion.text.utf8.count
        }
        precondition(sink > 0)
        return (whole, streamed)
    }
}
