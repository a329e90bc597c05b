import Foundation
import Logging
import NIOSSL
import PostgresNIO
import QuorumCore

/// A `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…` URL read into a client configuration.
/// The password is kept only in the configuration: `description` and every error leave it out.
struct PostgresLocation: Sendable, CustomStringConvertible {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String?
    /// `disable`, `prefer` (the default, as libpq's) or `require`.
    var sslMode: String

    init(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme), let host = components.host, !host.isEmpty
        else {
            throw QuorumError(.configuration, "\(Self.redacting(url)) is not a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.percentEncodedUser?.removingPercentEncoding ?? NSUserName()
        password = components.percentEncodedPassword?.removingPercentEncoding
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        database = path.isEmpty ? nil : path
        sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw QuorumError(.configuration, "sslmode=\(sslMode) in \(description): use disable, prefer or require")
        }
    }

    var configuration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = 16
        return configuration
    }

    /// Connects once and closes: a wrong password or database then fails in the server's words,
    /// where the pool would only report that its circuit breaker tripped after retrying.
    func probe(logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: host, port: port, username: user, password: password, database: database, tls: tls),
            id: 0, logger: logger)
        try await connection.close()
    }

    /// The URL without its password.
    var description: String { "postgres://\(user)@\(host):\(port)/\(database ?? "")" }

    /// `url` with any password replaced by `***`, for errors about a URL that did not parse.
    static func redacting(_ url: String) -> String {
        url.replacingOccurrences(of: #"(://[^:/@]*):[^@]*@"#, with: "$1:***@", options: .regularExpression)
    }
}
