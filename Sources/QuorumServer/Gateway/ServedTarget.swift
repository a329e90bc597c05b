import QuorumCore
import QuorumOrchestration

/// What a `model` field of a request can name: a configured model (streamed straight through)
/// or a system (answered whole, then streamed once its gate has decided).
public enum ServedTarget: Sendable {
    case model(any ChatModel)
    case system(any AnswerSystem)
}
