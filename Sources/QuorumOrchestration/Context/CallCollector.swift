import QuorumCore
import Synchronization

/// A dry walk's interceptor: stops every call it hears before anything is admitted, paid or
/// journaled, and keeps those made to `models` with their keys. Running a system with it learns the
/// requests it would send next, which `quorum run`'s batch mode submits to a vendor. (CoEval's
/// units instead answer each call with an empty reply, `BatchRequestCollector`: a unit that grades
/// criteria one after another must go on past its first call to show them all.)
///
/// Calls a system makes at once (best-of-n, MoA proposers) are each heard; a call that needs an
/// earlier answer is never reached, since that earlier call was stopped.
public final class CallCollector: CallInterceptor {
    public struct Stopped: Error {}

    /// One call heard, as `RunContext.call` would have made it.
    public struct Call: Sendable {
        public var key: String
        public var model: String
        public var role: CallRecord.Role
        public var request: ChatRequest
    }

    private let models: Set<String>
    private let heard = Mutex<[Call]>([])

    public init(keeping models: Set<String>) {
        self.models = models
    }

    /// The calls to `models` heard so far, in the order they were made.
    public var calls: [Call] { heard.withLock { $0 } }

    public func willCall(key: String, model: String, role: CallRecord.Role, request: ChatRequest) async throws {
        if models.contains(model) {
            heard.withLock { $0.append(Call(key: key, model: model, role: role, request: request)) }
        }
        throw Stopped()
    }
}
