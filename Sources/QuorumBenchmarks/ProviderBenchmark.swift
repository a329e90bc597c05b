import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix
import QuorumCore
import QuorumProviders
import QuorumTesting

/// Measures the provider layer's own cost: CPU per call and calls per second against an
/// in-process static OpenAI stub, at each requested concurrency.
///
/// Two figures per run matter: `processCPUPerCall` is everything the process spent (Quorum, the
/// HTTP client, NIO and the stub server itself, all on the same cores), so it bounds Quorum's
/// overhead from above; `ownWork` times only Quorum's code on a call's path (request body,
/// response decoding, usage, cost, completion), without sockets.
public struct ProviderBenchmark: Sendable {
    /// One concurrency level's figures.
    public struct Run: Sendable, Codable {
        public var concurrency: Int
        public var calls: Int
        public var seconds: Double
        public var callsPerSecond: Double
        /// Process CPU (user + system) per call, microseconds.
        public var processCPUPerCall: Double
        public var latencyP50: Double
        public var latencyP99: Double
    }

    /// The whole report.
    public struct Report: Sendable, Codable {
        /// Quorum's own CPU per non-streamed call, microseconds.
        public var ownWorkPerCall: Double
        /// Quorum's own CPU per streamed call (5 SSE events), microseconds.
        public var ownWorkPerStreamedCall: Double
        public var runs: [Run]
    }

    /// Which HTTP client the calls go through.
    public enum Client: String, Sendable, Codable, CaseIterable {
        /// AsyncHTTPClient, as every command but `quorum serve` uses it.
        case asyncHTTPClient = "async-http-client"
        /// `LoopHTTPClient`, as `quorum serve` calls plain-HTTP upstreams.
        case loop
    }

    public var calls: Int
    public var concurrencies: [Int]
    public var stream: Bool
    public var client: Client

    public init(calls: Int = 20_000, concurrencies: [Int] = [1, 64], stream: Bool = false, client: Client = .asyncHTTPClient) {
        self.calls = calls
        self.concurrencies = concurrencies
        self.stream = stream
        self.client = client
    }

    static let answer = #"{"id":"chatcmpl-bench","object":"chat.completion","created":1,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"The answer is 42."},"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":6,"total_tokens":30,"prompt_tokens_details":{"cached_tokens":0}}}"#

    static let streamEvents = StubResponse.dataEvents([
        #"{"id":"c","model":"bench-model","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
        #"{"id":"c","model":"bench-model","choices":[{"index":0,"delta":{"content":"The answer "}}]}"#,
        #"{"id":"c","model":"bench-model","choices":[{"index":0,"delta":{"content":"is 42."},"finish_reason":"stop"}]}"#,
        #"{"id":"c","model":"bench-model","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":6}}"#,
        "[DONE]",
    ])

    static let request = ChatRequest(
        messages: [.system("You are a careful assistant."), .user("What is 6 times 7? Answer with the number.")],
        parameters: GenerationParameters(temperature: 0, maxTokens: 64))

    /// Runs every concurrency level; `progress` gets a line per finished level.
    public func run(logger: Logger, progress: @Sendable (String) -> Void = { _ in }) async throws -> Report {
        let own = OpenAIOwnWork.measure(Self.request, answer: Self.answer, events: Self.streamEvents)
        let response = stream ? StubResponse.sse(Self.streamEvents) : StubResponse.json(Self.answer)
        let soft = max(8, (concurrencies.max() ?? 1) * 2)
        let configuration = HTTPClient.Configuration(
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: soft))
        let clients = switch client {
        case .asyncHTTPClient: HTTPClients(shared: HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration))
        case .loop: HTTPClients.perEventLoop(configuration: configuration)
        }
        do {
            let runs = try await StubServer.run([response], recording: false) { server in
                var config = ModelConfig(name: "bench", provider: "openai", model: "bench-model")
                config.baseURL = server.baseURL + "/v1"
                config.price = Price(input: USD(string: "2")!, output: USD(string: "8")!)
                let model = try ModelFactory(clients: clients, logger: logger, environment: [:]).makeModel(config)
                _ = try await measure(model, concurrency: 8, calls: min(2_000, calls))  // warm the pool and caches
                var runs: [Run] = []
                for concurrency in concurrencies {
                    let run = try await measure(model, concurrency: concurrency, calls: calls)
                    progress("concurrency \(concurrency): \(Int(run.callsPerSecond)) calls/s")
                    runs.append(run)
                }
                return runs
            }
            try await clients.shutdown()
            return Report(ownWorkPerCall: own.whole, ownWorkPerStreamedCall: own.streamed, runs: runs)
        } catch {
            try? await clients.shutdown()
            throw error
        }
    }

    private func measure(_ model: any ChatModel, concurrency: Int, calls: Int) async throws -> Run {
        let cpuBefore = CPUTime.process()
        let started = ContinuousClock.now
        var latencies: [Double] = []
        latencies.reserveCapacity(calls)
        let streaming = stream
        try await BoundedConcurrency.forEach(0..<calls, limit: concurrency) { _ in
            if streaming {
                var latency = 0.0
                for try await delta in model.stream(Self.request) { latency = delta.completion?.latency ?? latency }
                return latency
            }
            return try await model.complete(Self.request).latency
        } collect: { latency in
            latencies.append(latency)
        }
        let seconds = (ContinuousClock.now - started).seconds
        let cpu = CPUTime.process() - cpuBefore
        latencies.sort()
        return Run(
            concurrency: concurrency, calls: calls, seconds: seconds, callsPerSecond: Double(calls) / seconds,
            processCPUPerCall: cpu / Double(calls) * 1e6, latencyP50: latencies[latencies.count / 2],
            latencyP99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
    }
}
