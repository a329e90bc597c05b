import Foundation
import QuorumCore
import Testing

/// `JSONReader` reads what it accepts exactly as `JSONDecoder` does, and gives up on the rest.
@Suite("JSON reader")
struct JSONReaderTests {
    func read<T>(_ text: String, _ body: (inout JSONReader) throws -> T) throws -> T {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { try JSONReader.read(UnsafeRawBufferPointer($0), body) }
    }

    func value(_ text: String) throws -> JSONValue { try read(text) { try $0.readValue() } }

    func decoded(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    @Test("strings, escapes, numbers and nesting read as JSONDecoder reads them", arguments: [
        #"  {"a": 1, "b": [true, false, null], "c": {"d": "e"}}  "#,
        #""plain""#, #""""#, #""quote \" backslash \\ slash \/ b\b f\f n\n r\r t\t""#,
        #""\u00e9\u6f22\ud83d\ude42 \u0000 \u001F""#, #""é 漢字 🙂 raw""#,
        "-0", "0", "12", "-12.5e-3", "1E+2", "6.02214076e23", "0.1", "123456789012345678901234567890",
        "[]", "{}", "[[[]]]", #"[{"": ""}]"#, "\t\r\n[1,\n2]\n",
    ])
    func sameAsJSONDecoder(text: String) throws {
        #expect(try value(text) == decoded(text))
    }

    @Test("random documents read the same as with JSONDecoder")
    func randomDocuments() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let text = Self.document(depth: 3, using: &generator)
            #expect(try value(text) == decoded(text), "\(text)")
        }
    }

    @Test("invalid or unusual input is given up on", arguments: [
        "", "nul", "tru", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "01", "1.", ".5", "-", "1e", "+1", "NaN",
        "\"unterminated", "\"raw \n newline\"", "\"bad \\x escape\"", "\"lone \\ud83d surrogate\"", "\"\\ude42\"",
        "\"\\u12G4\"", "1e400", "{\"esc\\u0061ped\": 1}", "[1] trailing", "{\"a\": 1, \"a\": 2}",
    ])
    func givesUp(text: String) {
        #expect(throws: JSONReader.GaveUp.self) { try value(text) }
    }

    @Test("nesting deeper than 512 is given up on instead of overflowing the stack (found by fuzzing)")
    func deepNesting() throws {
        #expect(throws: JSONReader.GaveUp.self) { try value(String(repeating: "[", count: 200_000)) }
        #expect(throws: JSONReader.GaveUp.self) { try value(String(repeating: "{\"a\":", count: 100_000)) }
        let deepest = String(repeating: "[", count: JSONSyntaxError.maximumDepth) + String(repeating: "]", count: JSONSyntaxError.maximumDepth)
        #expect(try value(deepest) == decoded(deepest))
    }

    @Test("invalid UTF-8 in a string is given up on")
    func invalidUTF8() {
        var bytes: [UInt8] = [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]
        #expect(throws: JSONReader.GaveUp.self) {
            try bytes.withUnsafeMutableBytes { try JSONReader.read(UnsafeRawBufferPointer($0)) { try $0.readString() } }
        }
    }

    @Test("integers: exact, in range, and written as integers")
    func integers() throws {
        #expect(try read("9223372036854775807") { try $0.readInt() } == Int.max)
        #expect(try read("-9223372036854775808") { try $0.readInt() } == Int.min)
        #expect(throws: JSONReader.GaveUp.self) { try read("9223372036854775808") { try $0.readInt() } }
        #expect(throws: JSONReader.GaveUp.self) { try read("1.0") { try $0.readInt() } }
        #expect(throws: JSONReader.GaveUp.self) { try read("1e2") { try $0.readInt() } }
        #expect(throws: JSONReader.GaveUp.self) { try read("\"1\"") { try $0.readInt() } }
    }

    @Test("objects hand out keys comparable without a String; skipped values are still checked")
    func objects() throws {
        let seen = try read(#"{"model": "m", "extra": {"deep": [1, {"x": null}]}, "n": 2}"#) { reader in
            var seen: [String] = []
            try reader.readObject { reader, key in
                if key == "model" {
                    seen.append("model=\(try reader.readString())")
                } else if key == "n" {
                    seen.append("n=\(try reader.readInt())")
                } else {
                    seen.append("skip \(key.string)")
                    try reader.skipValue()
                }
            }
            return seen
        }
        #expect(seen == ["model=m", "skip extra", "n=2"])
        #expect(throws: JSONReader.GaveUp.self) {
            try read(#"{"extra": [1, 2,], "n": 2}"#) { try $0.readObject { reader, _ in try reader.skipValue() } }
        }
    }

    @Test("a field set gives up on a field seen twice")
    func fieldSet() throws {
        var set = FieldSet()
        try set.insert(0)
        try set.insert(63)
        #expect(throws: JSONReader.GaveUp.self) { try set.insert(0) }
    }

    // MARK: - Random documents

    static func document(depth: Int, using generator: inout SeededGenerator) -> String {
        let space = [" ", "", "\n ", "\t"][Int.random(in: 0..<4, using: &generator)]
        switch depth == 0 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<6, using: &generator) {
        case 0: return ["null", "true", "false"][Int.random(in: 0..<3, using: &generator)]
        case 1: return number(using: &generator)
        case 2, 3: return string(using: &generator)
        case 4:
            let items = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in document(depth: depth - 1, using: &generator) }
            return "[" + space + items.joined(separator: "," + space) + "]"
        default:
            let fields = (0..<Int.random(in: 0..<4, using: &generator)).map { index in
                "\"k\(index)\"" + space + ":" + space + document(depth: depth - 1, using: &generator)
            }
            return "{" + space + fields.joined(separator: "," + space) + space + "}"
        }
    }

    static func number(using generator: inout SeededGenerator) -> String {
        let forms = ["\(Int.random(in: -1_000_000...1_000_000, using: &generator))",
                     "\(Double.random(in: -1e6...1e6, using: &generator))",
                     "\(Int.random(in: 1...9, using: &generator)).\(Int.random(in: 0...999, using: &generator))e\(Int.random(in: -30...30, using: &generator))"]
        return forms[Int.random(in: 0..<forms.count, using: &generator)]
    }

    static func string(using generator: inout SeededGenerator) -> String {
        let pieces = ["a", " ", "é", "漢", "🙂", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude42", "\\u0001", "'", "<tag>"]
        let count = Int.random(in: 0..<8, using: &generator)
        return "\"" + (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined() + "\""
    }
}

/// A small deterministic generator (Knuth's MMIX LCG, high bits), so a failure reproduces.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
