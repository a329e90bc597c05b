/// One step a routed model took for a call: a deployment tried or passed over, and why.
///
/// A model with `deployments:` or `fallbacks:` records every step in its `Completion.route`, so a
/// trace shows which deployment answered and why the others did not.
public struct RouteAttempt: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// This deployment gave the answer.
        case answered
        /// The call failed; the route moved on.
        case failed
        /// Not called: cooled down, or the request is too long for its context window.
        case skipped
    }

    /// The configured model the deployment belongs to (the requested one or a fallback).
    public var model: String
    /// The deployment's name (`azure-east`); the model's provider for a model with one endpoint.
    public var deployment: String
    public var outcome: Outcome
    /// Why the route moved on (the error's sentence, `cooled down for 12s`, …); `nil` for the answer.
    public var reason: String?

    public init(model: String, deployment: String, outcome: Outcome, reason: String? = nil) {
        self.model = model
        self.deployment = deployment
        self.outcome = outcome
        self.reason = reason
    }

    /// `gpt/azure-east failed: rate limited …` — one line for printed traces and error messages.
    public var summary: String {
        "\(model)/\(deployment) \(outcome.rawValue)" + (reason.map { ": \($0)" } ?? "")
    }
}
