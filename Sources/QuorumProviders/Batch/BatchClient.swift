import Foundation
import QuorumCore

/// A vendor's batch API: many chat requests submitted at once, answered within a day at half
/// the list price (OpenAI, Azure OpenAI, Anthropic).
///
/// A batch is three steps that may happen in different processes: `submit` returns the vendor's
/// batch id (store it before polling, so a crash loses nothing), `status` polls it, and `results`
/// reads every line once it has ended. Implementations never log or return an API key.
public protocol BatchClient: Sendable {
    /// `openai`, `azure` or `anthropic`: the vendor whose batch endpoints this client speaks.
    var vendor: String { get }
    /// Submits `lines` as one batch; returns the vendor's batch id.
    func submit(_ lines: [BatchLine]) async throws -> String
    /// Where batch `id` stands now.
    func status(of id: String) async throws -> BatchStatus
    /// Every line of ended batch `id` by `custom_id`: the priced completion, or why there is none.
    /// A line the vendor returned nothing for is absent.
    func results(of id: String, status: BatchStatus) async throws -> [String: BatchLineResult]
    /// The model's list price, when known (its lines cost half of it).
    var price: Price? { get }
    /// The parameters every line is sent with unless it sets its own.
    var defaults: GenerationParameters { get }
}

extension BatchClient {
    /// The most one line can cost at the batch price: its prompt at characters / 4 and `max_tokens`
    /// of answer (512 when neither the line nor the model sets it); `nil` when the model has no price.
    /// What a run holds against its budget before submitting, since the vendor charges on its own.
    public func ceilingCost(of request: ChatRequest) -> USD? {
        guard let price else { return nil }
        let characters = request.messages.map(\.content.count).reduce(0, +)
        let output = request.parameters.maxTokens ?? defaults.maxTokens ?? 512
        return price.batch.cost(of: Usage(promptTokens: (characters + 3) / 4, completionTokens: output))
    }
}

/// One request of a batch: the caller's `custom_id` and the request a live call would send.
public struct BatchLine: Sendable, Hashable {
    /// Unique within the batch; Anthropic allows `[a-zA-Z0-9_-]{1,64}`.
    public var customID: String
    public var request: ChatRequest

    public init(customID: String, request: ChatRequest) {
        self.customID = customID
        self.request = request
    }
}

/// A batch's state as the vendor reports it.
public struct BatchStatus: Sendable, Hashable, Codable {
    /// The vendor's own word: `validating`, `in_progress`, `completed`, `expired`, `ended`, …
    public var vendorStatus: String
    /// True once no line will change any more (completed, failed, expired, cancelled, ended).
    public var isEnded: Bool
    public var total: Int
    /// Lines answered so far (successfully or not).
    public var finished: Int
    public var failed: Int
    /// Why the whole batch failed (OpenAI's `errors`), when it did.
    public var failure: String?

    public init(vendorStatus: String, isEnded: Bool, total: Int, finished: Int, failed: Int, failure: String? = nil) {
        self.vendorStatus = vendorStatus
        self.isEnded = isEnded
        self.total = total
        self.finished = finished
        self.failed = failed
        self.failure = failure
    }
}

extension BatchStatus {
    /// The progress line of a poll: `batch ID (WHAT): in_progress 3/8 (1 failed), 12s`.
    public func progressLine(batch id: String, what: String, since start: ContinuousClock.Instant) -> String {
        let elapsed = Int((ContinuousClock.now - start).components.seconds)
        let failures = failed > 0 ? " (\(failed) failed)" : ""
        return "batch \(id) (\(what)): \(vendorStatus) \(finished)/\(total)\(failures), \(elapsed)s"
    }
}

/// What one line of an ended batch gave.
public enum BatchLineResult: Sendable, Hashable {
    /// The answer, priced at the batch rate.
    case completion(Completion)
    /// The line errored, expired or was cancelled: the vendor's reason.
    case failure(String)
}

extension Price {
    /// Batch calls cost half the list price at every vendor that offers them.
    public var batch: Price {
        let half = Decimal(string: "0.5")!
        return Price(input: USD(input.amount * half), output: USD(output.amount * half), cachedInput: cachedInput.map { USD($0.amount * half) })
    }
}
