import HTTPTypes
import Hummingbird
import QuorumCore
import QuorumOrchestration

extension Streamer {
    /// A cached answer as the SSE stream a fresh one would be: the role chunk, the text in
    /// word-sized chunks, the finish chunk, usage (cost zero) if asked for, `[DONE]` — in one body,
    /// since nothing is waited for.
    func replay(text: String, finish: FinishReason, trace: TraceNode) -> Response {
        var headers = JSONResponses.sseHeaders
        headers[.quorumTraceID] = exchange.id
        var body = roleEvent
        for piece in Self.pieces(of: text) { appendContent(piece, to: &body) }
        appendEnd(finish: finish, usage: trace.usage, cost: trace.answerCost + trace.judgeCost, to: &body)
        exchange.store(trace, in: traces)
        metrics.recordRequest(model: exchange.served, stream: true, status: 200, duration: .now - exchange.start)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
