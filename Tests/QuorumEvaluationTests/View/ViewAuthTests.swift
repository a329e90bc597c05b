import Foundation
import HTTPTypes
import HummingbirdTesting
import QuorumCore
import Testing

@testable import QuorumView

@Suite("quorum view: who may connect")
struct ViewAuthTests {
    @Test("serving beyond loopback without a key is refused with a sentence saying what to do")
    func publicNeedsKey() throws {
        let error = #expect(throws: QuorumError.self) { try ViewSettings(host: "0.0.0.0").validate() }
        #expect(error?.message.contains("refusing to serve on 0.0.0.0 without an API key") == true)
        #expect(error?.message.contains("QUORUM_VIEW_KEY") == true)
        #expect(throws: QuorumError.self) { try ViewSettings(host: "192.168.1.5", apiKey: "").validate() }
        try ViewSettings(host: "0.0.0.0", apiKey: "k").validate()
        for host in ["127.0.0.1", "localhost", "::1", "127.0.0.2"] { try ViewSettings(host: host).validate() }
        #expect(throws: QuorumError.self) { try ViewSettings(port: 70_000).validate() }
    }

    @Test("the router refuses to be made for settings that would expose the store")
    func routerRefuses() async throws {
        let fixture = try await ViewFixture()
        let server = ViewServer(store: fixture.store, settings: ViewSettings(host: "0.0.0.0"), logger: .init(label: "test"))
        #expect(throws: QuorumError.self) { try server.makeRouter() }
    }

    @Test("with a key, a page asks for it, the API answers 401, and a wrong key is refused")
    func refusesWithoutKey() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test(apiKey: "sesame") { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .unauthorized && text(page).contains("name=\"key\""))
            #expect(!text(page).contains(ViewFixture.grid), "nothing of the store")
            let api = try await client.execute(uri: "/api/runs/\(ViewFixture.grid)/judging/ann", method: .get)
            #expect(api.status == .unauthorized && text(api).contains("\"error\""))
            let wrong = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer open"])
            #expect(wrong.status == .unauthorized)
            #expect(try await client.execute(uri: "/?key=open", method: .get).status == .unauthorized)
            let body = try await JudgingBody.valid(fixture).text
            #expect(try await client.post("/api/runs/\(ViewFixture.grid)/judgments", json: body).status == .unauthorized)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        #expect(try await fixture.judgments().isEmpty)
    }

    @Test("a bearer key is let through")
    func bearer() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test(apiKey: "sesame") { client in
            let page = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer sesame"])
            #expect(page.status == .ok && text(page).contains(ViewFixture.grid))
        }
    }

    @Test("?key= signs in: a redirect that drops the key, and a session cookie (not the key) that then works")
    func cookieLogin() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test(apiKey: "sesame") { client in
            let login = try await client.execute(uri: "/runs/\(ViewFixture.grid)?key=sesame&wrong=1", method: .get)
            #expect(login.status == .found)
            #expect(login.headers[.location] == "/runs/\(ViewFixture.grid)?wrong=1")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix("quorum_view_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("sesame"))
            let session = String(cookie.prefix { $0 != ";" })
            let page = try await client.execute(uri: "/runs/\(ViewFixture.grid)?wrong=1", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok && text(page).contains("2 of 4 items"))
            let forged = try await client.execute(uri: "/", method: .get, headers: [.cookie: "quorum_view_session=0000"])
            #expect(forged.status == .unauthorized)
        }
    }
}
