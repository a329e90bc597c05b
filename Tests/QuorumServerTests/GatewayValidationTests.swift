import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import QuorumServer

@Suite("Gateway: bad input and keys")
struct GatewayValidationTests {
    @Test(
        "bad requests get OpenAI-style 4xx errors that name the field",
        arguments: [
            ("{not json", 400, nil),
            (#"{"messages": [{"role": "user", "content": "hi"}]}"#, 400, "model"),
            (#"{"model": "strong", "messages": []}"#, 400, "messages"),
            (#"{"model": "strong", "messages": [{"role": "robot", "content": "hi"}]}"#, 400, "messages[0].role"),
            (#"{"model": "strong", "messages": [{"role": "user", "content": "hi"}], "temperature": "hot"}"#, 400, "temperature"),
            (#"{"model": "nope", "messages": [{"role": "user", "content": "hi"}]}"#, 404, "model"),
        ] as [(String, Int, String?)])
    func badRequests(body: String, status: Int, param: String?) async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(Int(response.status.code) == status)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["param"] as? String == param)
                #expect(!(error["message"] as? String ?? "").isEmpty)
            }
        }
    }

    @Test("a body over the size limit is refused with 413, and too many messages with 400")
    func limits() async throws {
        let gateway = makeGateway(settings: GatewaySettings(maxBodyBytes: 200, maxMessages: 2))
        let app = Application(router: try gateway.makeRouter())
        try await app.test(.router) { client in
            let big = String(repeating: "x", count: 500)
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("strong", extra: #", "user": "\#(big)""#)) { response in
                #expect(response.status == .contentTooLarge)
            }
            let many = #"{"model":"strong","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"}]}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: many)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("with keys configured, a missing or wrong key is a 401 and the right one passes")
    func apiKeys() async throws {
        let digest = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"  // SHA-256 of "secret"
        let gateway = makeGateway(settings: GatewaySettings(apiKeys: ["sk-quorum-1"], apiKeyDigests: [digest]))
        let app = Application(router: try gateway.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/models", method: .get) { response in
                #expect(response.status == .unauthorized)
                let error = try json(response.body)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_api_key")
            }
            try await client.execute(uri: "/v1/models", method: .get, headers: [.authorization: "Bearer wrong"]) { response in
                #expect(response.status == .unauthorized)
            }
            for key in ["sk-quorum-1", "secret"] {
                try await client.execute(uri: "/v1/models", method: .get, headers: [.authorization: "Bearer \(key)"]) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("serving beyond loopback with no key is refused unless explicitly allowed")
    func publicWithoutKeys() throws {
        #expect(throws: GatewayStartError.self) {
            try makeGateway(settings: GatewaySettings(host: "0.0.0.0")).makeRouter()
        }
        _ = try makeGateway(settings: GatewaySettings(host: "0.0.0.0", allowPublicWithoutKeys: true)).makeRouter()
    }

    @Test("a keys file line that is not a SHA-256 digest is a start-up error naming the line")
    func badKeysFile() {
        #expect(throws: GatewayStartError.self) {
            try APIKeyVerifier(keys: [], hexDigests: ["# comment", "not-a-digest"])
        }
    }
}
