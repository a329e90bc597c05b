import Foundation

/// How Quorum authenticates to an MLflow server, read from the same variables MLflow's own clients use.
///
/// `description` never shows a password or token, so a value can be logged or printed safely.
public enum MLflowCredentials: Sendable, Hashable, CustomStringConvertible {
    case none
    /// `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD`: HTTP basic authentication.
    case basic(username: String, password: String)
    /// `MLFLOW_TRACKING_TOKEN`: a bearer token.
    case bearer(String)

    /// Reads the credentials from `environment`; a token wins over a username and password, as in MLflow.
    public init(environment: [String: String]) {
        if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
            self = .bearer(token)
        } else if let username = environment["MLFLOW_TRACKING_USERNAME"], !username.isEmpty {
            self = .basic(username: username, password: environment["MLFLOW_TRACKING_PASSWORD"] ?? "")
        } else {
            self = .none
        }
    }

    /// The `Authorization` header value, or `nil` without credentials.
    var authorizationHeader: String? {
        switch self {
        case .none: nil
        case .basic(let username, let password): "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearer(let token): "Bearer \(token)"
        }
    }

    public var description: String {
        switch self {
        case .none: "no credentials"
        case .basic(let username, _): "basic auth as \(username)"
        case .bearer: "bearer token"
        }
    }
}
