import Hummingbird
import QuorumProviders

extension ResponseBody {
    /// A streamed body whose writer, like the handler, keeps to the event loop it starts on.
    static func onEventLoop(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> ResponseBody {
        ResponseBody { writer in try await EventLoopAffinity.run { try await write(&writer) } }
    }
}
