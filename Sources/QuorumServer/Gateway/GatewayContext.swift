import Hummingbird
import QuorumStore

/// The gateway's request context: Hummingbird's, plus the virtual key a request authenticated with.
public struct GatewayContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` for a virtual key; `nil` for a static key or an open gateway.
    public var virtualKey: VirtualKey?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
