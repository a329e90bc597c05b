import Foundation
import QuorumCore

extension BuiltinDataset {
    /// The project's own short verifiable questions: a copy of `datasets/quick-qa.jsonl` shipped as a
    /// resource so the installed tool has it (a test keeps the two identical).
    static let quickQA = BuiltinDataset(
        name: "quick-qa", summary: "Quorum's 50 short verifiable questions (arithmetic, facts, Python)",
        license: "Quorum's own", folder: "quick-qa", file: "quick-qa.jsonl", format: "jsonl",
        mapping: {
            var fields = BuiltinDataset.mapping(id: "id", prompt: "prompt", category: "category", reference: "answer")
            fields.tags = "difficulty"
            return fields
        }(), transformMaker: { _ in nil })

    /// Arena-Hard-Auto v2.0: hard open questions, judged pairwise against a baseline.
    static let arenaHard = BuiltinDataset(
        name: "arena-hard-v2", summary: "Arena-Hard-Auto v2.0 questions (pairwise judged)", license: "Apache-2.0",
        folder: "arena-hard-v2", file: "question.jsonl", format: "jsonl",
        mapping: mapping(id: "uid", prompt: "prompt", category: "category"),
        transformMaker: { _ in
            { item, record in
                var item = item
                if let subcategory = record.text("subcategory") { item.question.tags.append(subcategory) }
                return item
            }
        })

    /// MT-Bench: two-turn questions. References per turn: the GPT-4 reference answers FastChat's judge
    /// uses (30 math, reasoning and coding questions), else the question file's own `reference` (40 in all).
    static let mtBench = BuiltinDataset(
        name: "mt-bench", summary: "MT-Bench two-turn questions (GPT-4 references for 30)", license: "Apache-2.0",
        folder: "mt-bench", file: "question.jsonl", format: "jsonl",
        mapping: mapping(id: "question_id", prompt: "turns", category: "category"),
        transformMaker: { folder in
            let references = try mtBenchReferences(folder.appendingPathComponent("reference_answer.jsonl"))
            return { item, _ in
                guard let turns = references[item.id] else { return item }
                var item = item
                item.references = turns
                item.question.reference = turns.first ?? nil
                return item
            }
        })

    /// HumanEval: Python functions to complete, scored by running the problem's tests (`code` verifier).
    ///
    /// The reference is the problem's test code followed by `check(ENTRY_POINT)`, so a code
    /// verifier runs the answer then the reference and passes when nothing raises.
    static let humanEval = BuiltinDataset(
        name: "humaneval", summary: "HumanEval Python problems with unit tests (code verifier)", license: "MIT",
        folder: "humaneval", file: "HumanEval.jsonl", format: "jsonl",
        mapping: mapping(id: "task_id", prompt: "prompt"),
        transformMaker: { _ in
            { item, record in
                var item = item
                let stub = item.question.prompt
                item.question.messages = [.user(
                    "Complete this Python function. Reply with the whole function in one ```python code block.\n\n"
                        + "```python\n\(stub)```")]
                if let test = record.text("test"), let entryPoint = record.text("entry_point") {
                    item.question.reference = "\(test)\n\ncheck(\(entryPoint))\n"
                    item.references = [item.question.reference]
                }
                item.question.category = "code"
                item.question.tags = ["python"]
                return item
            }
        })

    private static func mtBenchReferences(_ url: URL) throws -> [String: [String?]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var references: [String: [String?]] = [:]
        for line in text.split(separator: "\n") {
            guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
                let id = fields["question_id"]?.scalarText, case .array(let choices)? = fields["choices"],
                case .object(let choice)? = choices.first, case .array(let turns)? = choice["turns"]
            else { continue }
            references[id] = turns.map(\.scalarText)
        }
        return references
    }
}
