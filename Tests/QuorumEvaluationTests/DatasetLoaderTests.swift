import Foundation
import QuorumCore
import Testing

@testable import QuorumEvaluation

@Suite("DatasetLoader")
struct DatasetLoaderTests {
    let folder: URL

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> DatasetConfig {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return DatasetConfig(path: name)
    }

    func loader(skip: Bool = false) -> DatasetLoader { DatasetLoader(baseDirectory: folder.path, skipBadItems: skip) }

    @Test("reads JSONL with the common field names")
    func jsonlDefaults() throws {
        let config = try write("a.jsonl", """
            {"id": "x1", "question": "What is 2+2?", "answer": 4, "category": "math", "tags": ["easy"]}
            {"uid": 7, "prompt": "Capital of France?", "reference": "Paris", "system": "Be brief."}
            """)
        let items = try loader().load(config).items
        #expect(items.map(\.id) == ["x1", "7"])
        #expect(items[0].question.reference == "4")
        #expect(items[0].question.category == "math")
        #expect(items[0].question.tags == ["easy"])
        #expect(items[1].question.messages == [.system("Be brief."), .user("Capital of France?")])
        #expect(items[1].location.hasSuffix("a.jsonl:2"))
    }

    @Test("a malformed line is reported as file:line: reason and the run refuses to start")
    func malformedLineRefuses() throws {
        let config = try write("bad.jsonl", """
            {"id": "1", "prompt": "ok"}
            {"id": "2", "prompt": "missing brace"
            {"id": "3"}

            [1, 2]
            """)
        let error = try #require(throws: QuorumError.self) { try loader().load(config) }
        #expect(error.kind == .dataset)
        #expect(error.message.contains("bad.jsonl:2:38: invalid JSON: expected ',' or '}' after a member, found the end of the input"))
        #expect(error.message.contains("bad.jsonl:3: no prompt or messages field"))
        #expect(error.message.contains("bad.jsonl:5: expected a JSON object"))
    }

    @Test("a malformed line names its column and what was expected there", arguments: [
        ("{\"id\": \"1\", \"prompt\": \"ok\",,}", 28, "expected a key in double quotes, found ','"),
        ("{\"id\": \"1\" \"prompt\": \"ok\"}", 12, "expected ',' or '}' after a member, found '\"'"),
        ("{\"id\": \"1\", \"prompt\": tru}", 23, "expected a value ('true'?), found 'tru'"),
        ("{\"id\": \"é\", \"prompt\": NaN}", 23, "expected a value (an object, array, string, number, true, false or null), found 'N'"),
        ("{\"id\": \"1\", \"prompt\": \"a\tb\"}", 25, "control characters in strings must be escaped"),
        ("{\"id\": 1} trailing", 11, "expected nothing after the value, found 't'"),
    ])
    func malformedLineColumn(_ line: String, _ column: Int, _ expected: String) throws {
        let config = try write("col.jsonl", "{\"id\": \"0\", \"prompt\": \"fine\"}\n" + line + "\n")
        let problem = try #require(try loader(skip: true).load(config).skipped.first)
        #expect(problem.line == 2 && problem.column == column)
        #expect(problem.description.contains("col.jsonl:2:\(column): invalid JSON: "))
        #expect(problem.reason.contains(expected))
    }

    @Test("a JSON array file and a CSV file with a syntax error name the line and column")
    func arrayAndCSVColumns() throws {
        let array = try write("a.json", "[\n  {\"id\": \"1\", \"prompt\": \"x\"},\n  {\"id\": \"2\" \"prompt\": \"y\"}\n]")
        let arrayError = try #require(throws: QuorumError.self) { try loader().load(array) }
        #expect(arrayError.message.contains("a.json:3:14: invalid JSON: expected ',' or '}' after a member"))
        let csv = try write("c.csv", "id,prompt\n1,fine\n2,\"never closed\n")
        let csvError = try #require(throws: QuorumError.self) { try loader().load(csv) }
        #expect(csvError.message.contains("c.csv:3:3: unterminated quoted field: expected a closing '\"'"))
    }

    @Test("--skip-bad-items leaves malformed records out and lists them")
    func skipBadItems() throws {
        let config = try write("bad.jsonl", "{\"id\": \"1\", \"prompt\": \"ok\"}\nnot json\n{\"id\": \"1\", \"prompt\": \"again\"}\n")
        let loaded = try loader(skip: true).load(config)
        #expect(loaded.items.map(\.id) == ["1"])
        #expect(loaded.skipped.map(\.description).map { $0.contains(":2:1: invalid JSON: expected a value") } == [true, false])
        #expect(loaded.skipped.last?.reason == "duplicate id '1' (first on line 1)")
    }

    @Test("reads multi-turn messages and turn lists")
    func multiTurn() throws {
        let config = try write("m.jsonl", """
            {"id": "c", "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, {"role": "user", "content": "and?"}]}
            {"id": "t", "turns": ["first", "second"], "reference": ["r1", "r2"]}
            {"id": "bad", "messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
            """)
        let loaded = try loader(skip: true).load(config)
        #expect(loaded.items[0].question.messages.count == 4)
        #expect(loaded.items[0].question.prompt == "and?")
        #expect(loaded.items[1].followUps == ["second"])
        #expect(loaded.items[1].reference(forTurn: 1) == "r2")
        #expect(loaded.skipped.first?.reason.contains("last message") == true)
    }

    @Test("reads CSV with quoted commas, quotes and newlines, and a field mapping")
    func csvWithMapping() throws {
        var config = try write("q.csv", "key,text,gold\nk1,\"Say \"\"hi\"\", then\nwave\",hi\nk2,plain,x,extra\nk3,third,3\n")
        var fields = FieldMapping()
        fields.id = "key"
        fields.prompt = "text"
        fields.reference = "gold"
        config.fields = fields
        let loaded = try loader(skip: true).load(config)
        #expect(loaded.items.map(\.id) == ["k1", "k3"])
        #expect(loaded.items[0].question.prompt == "Say \"hi\", then\nwave")
        #expect(loaded.skipped.map(\.line) == [4])
    }

    @Test("reads a JSON array and names a bad element by its position")
    func jsonArray() throws {
        let config = try write("a.json", #"[{"id": "a", "prompt": "p"}, 3, {"id": "b", "prompt": "q"}]"#)
        let error = try #require(throws: QuorumError.self) { try loader().load(config) }
        #expect(error.message.contains("a.json:2: element is not a JSON object"))
    }

    @Test("filter, seeded sample and limit pick the same items every time, in file order")
    func selection() throws {
        let lines = (0..<100).map { #"{"id": "i\#($0)", "prompt": "p", "category": "\#($0 % 2 == 0 ? "even" : "odd")"}"# }
        var config = try write("s.jsonl", lines.joined(separator: "\n"))
        config.filter = ["category": "even"]
        config.sample = SampleConfig(n: 10, seed: 7)
        let first = try loader().load(config).items.map(\.id)
        let second = try loader().load(config).items.map(\.id)
        #expect(first == second)
        #expect(first.count == 10)
        #expect(first.allSatisfy { (Int($0.dropFirst()) ?? 1) % 2 == 0 })
        #expect(first == first.sorted { Int($0.dropFirst())! < Int($1.dropFirst())! })
        config.limit = 3
        #expect(try loader().load(config).items.map(\.id) == Array(first.prefix(3)))
    }

    @Test("built-in datasets load with their counts", arguments: [
        ("quick-qa", 50, 50), ("arena-hard-v2", 750, 0), ("mt-bench", 80, 40), ("humaneval", 164, 164),
    ])
    func builtins(name: String, count: Int, withReference: Int) throws {
        let items = try DatasetLoader().load(DatasetConfig(path: "builtin:\(name)")).items
        #expect(items.count == count)
        #expect(items.count { $0.question.reference != nil } == withReference)
        let folder = try #require(try BuiltinDataset.named(name)?.folderURL())
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("LICENSE").path))
    }

    @Test("the shipped quick-qa is the same file as the repository's datasets/quick-qa.jsonl")
    func quickQAMatchesRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let repository = try Data(contentsOf: root.appendingPathComponent("datasets/quick-qa.jsonl"))
        let shipped = try Data(contentsOf: try #require(try BuiltinDataset.named("quick-qa")?.fileURL()))
        #expect(repository == shipped)
        let items = try DatasetLoader().load(DatasetConfig(path: "builtin:quick-qa")).items
        #expect(items.first?.question.tags.isEmpty == false)
    }

    @Test("MT-Bench items have two turns; HumanEval references end by calling check")
    func builtinShapes() throws {
        let mtBench = try DatasetLoader().load(DatasetConfig(path: "builtin:mt-bench")).items
        #expect(mtBench.allSatisfy { $0.turnCount == 2 })
        let humanEval = try DatasetLoader().load(DatasetConfig(path: "builtin:humaneval")).items
        #expect(humanEval[0].question.reference?.hasSuffix("check(has_close_elements)\n") == true)
    }
}
