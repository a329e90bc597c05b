import Testing

@testable import QuorumView

@Suite("quorum view: small pieces")
struct ViewPiecesTests {
    @Test("a word diff marks only the words each side does not share, keeping spacing and escaping text")
    func wordDiff() throws {
        let marked = try #require(WordDiff.marked("The answer is 4.\nDone", "The answer is <b>5</b>.\nDone"))
        #expect(marked.left == "The answer is <mark class=\"removed\">4.</mark>\nDone")
        #expect(marked.right == "The answer is <mark class=\"added\">&lt;b&gt;5&lt;/b&gt;.</mark>\nDone")
        let long = String(repeating: "word ", count: 600)
        #expect(WordDiff.marked(long, long + "more") == nil, "too long to compare")
    }

    @Test("a query reads as a form sends it: plus for space, escapes decoded, blanks absent")
    func query() {
        let query = ViewQuery("q=night+nurse&category=&a=terse%2Fs1&key=k")
        #expect(query["q"] == "night nurse" && query["a"] == "terse/s1" && query["category"] == nil)
        #expect(query.removing("key").suffix == "?q=night%20nurse&category=&a=terse%2Fs1")
        #expect(ViewQuery.link("/x", [("id", "a/b c"), ("n", nil)]) == "/x?id=a%2Fb%20c")
    }

    @Test("the blind order is fixed per item and person, and each system is first about half the time")
    func positionDraw() {
        let draws = (0..<400).map { PositionDraw.systemFirst(run: "r", judge: "ann", item: "q\($0)", system: "large", baseline: "small") }
        #expect((160...240).contains(draws.count { $0 }))
        #expect(draws[7] == PositionDraw.systemFirst(run: "r", judge: "ann", item: "q7", system: "large", baseline: "small"))
        let others = (0..<400).map { PositionDraw.systemFirst(run: "r", judge: "bob", item: "q\($0)", system: "large", baseline: "small") }
        #expect(draws != others, "another person sees another order")
    }

    @Test("a write's origin must be the server's own")
    func sameOrigin() {
        #expect(WriteGuard.sameHost(origin: "http://127.0.0.1:8090", host: "127.0.0.1:8090"))
        #expect(!WriteGuard.sameHost(origin: "http://evil.example", host: "127.0.0.1:8090"))
        #expect(!WriteGuard.sameHost(origin: "null", host: "127.0.0.1:8090"))
    }

    @Test("the key is compared whole, whatever its length")
    func keyComparison() {
        #expect(ViewSession.same("sesame", "sesame"))
        #expect(!ViewSession.same("sesam", "sesame"))
        #expect(!ViewSession.same("sesame!", "sesame"))
        #expect(!ViewSession.same("", "sesame"))
    }
}
