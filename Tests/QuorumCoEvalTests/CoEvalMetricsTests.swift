import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Testing

@Suite("CoEval metric judges and labels")
struct CoEvalMetricsTests {
    // Hand-computed: "the cat sat" against "the cat sat on the mat": every precision is 1 (BLEU+1
    // gives (0+1)/(0+1) for the missing 4-gram), the brevity penalty exp(1 − 6/3).
    @Test("BLEU and ROUGE-L match hand-computed values", arguments: [
        ("the cat sat on the mat", "the cat sat on the mat", 1.0, 1.0),
        ("the cat sat", "the cat sat on the mat", exp(-1.0), 2 * 1.0 * 0.5 / 1.5),
        // unigrams 2/4, bigrams (1+1)/(3+1), trigrams 1/3, 4-grams 1/2, no brevity penalty; LCS 2 of 4 and 3.
        ("the cat the cat", "the cat sat", pow(0.5 * 0.5 * (1.0 / 3) * 0.5, 0.25), 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3)),
        // LCS "the cat on mat" = 4 of 5 and 6 words.
        ("The cat sat on mat.", "the cat was on the mat", nil, 2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6)),
        ("dog", "the cat", 0.0, 0.0),
    ] as [(String, String, Double?, Double)])
    func overlap(candidate: String, reference: String, bleu: Double?, rouge: Double) {
        if let bleu { #expect(abs(TextOverlap.bleu(candidate, reference: reference) - bleu) < 1e-12) }
        #expect(abs(TextOverlap.rougeL(candidate, reference: reference) - rouge) < 1e-12)
    }

    @Test("pass/fail metrics reuse the verifiers and map onto High/Medium/Low")
    func passFail() async {
        #expect(await CoEvalMetric.exactMatch.score("The Paris.", reference: "paris") == 1)
        #expect(await CoEvalMetric.exactMatch.score("Paris, France", reference: "Paris") == 0)
        #expect(await CoEvalMetric.contains.score("It is Paris, France", reference: "Paris") == 1)
        #expect(await CoEvalMetric.numeric.score("so 12 apples", reference: "12.0") == 1)
        #expect(await CoEvalMetric.numeric.score("so 13 apples", reference: "12") == 0)
        #expect([0, 0.3, 0.34, 0.66, 0.67, 1].map(CoEvalMetric.grade) == [.low, .low, .medium, .medium, .high, .high])
    }

    @Test("code-tests runs the reply's code and the reference tests under python3")
    func codeTests() async {
        let tests = "assert add(2, 3) == 5"
        #expect(await CoEvalMetric.codeTests.score("```python\ndef add(a, b):\n    return a + b\n```", reference: tests) == 1)
        #expect(await CoEvalMetric.codeTests.score("def add(a, b):\n    return a - b", reference: tests) == 0)
    }

    @Test("a reply is read as one of the classes, else as its own normalized text")
    func labelReader() {
        let classes = ["positive", "negative", "neutral"]
        #expect(CoEvalLabelReader.label(of: "Positive.", classes: classes) == "positive")
        #expect(CoEvalLabelReader.label(of: "The sentiment is negative overall", classes: classes) == "negative")
        #expect(CoEvalLabelReader.label(of: "positive or negative", classes: classes) == "positive or negative")
    }

    // expected [pos, pos, neg, neg, neu], predicted [pos, neg, neg, neg, pos]:
    // pos P 1/2 R 1/2 F1 1/2; neg P 2/3 R 1 F1 0.8; neu 0/0/0; accuracy 3/5; macro F1 (0.5 + 0.8 + 0)/3.
    @Test("label precision, recall and F1 per class on a fixed set")
    func labelScores() {
        let pairs = [("pos", "pos"), ("pos", "neg"), ("neg", "neg"), ("neg", "neg"), ("neu", "pos")]
        let scores = CoEvalLabelScores(task: "t", attribute: "a", student: nil, pairs: pairs.map { (expected: $0.0, predicted: $0.1) })
        #expect(scores.accuracy == 0.6)
        #expect(abs(scores.macroF1 - 1.3 / 3) < 1e-12)
        let byLabel = Dictionary(uniqueKeysWithValues: scores.classes.map { ($0.label, $0) })
        #expect(scores.classes.map(\.label) == ["neg", "neu", "pos"])
        #expect(byLabel["pos"]?.precision == 0.5 && byLabel["pos"]?.recall == 0.5 && byLabel["pos"]?.f1 == 0.5)
        #expect(abs(byLabel["neg"]!.precision - 2.0 / 3) < 1e-12 && byLabel["neg"]?.recall == 1 && abs(byLabel["neg"]!.f1 - 0.8) < 1e-12)
        #expect(byLabel["neu"]?.support == 1 && byLabel["neu"]?.f1 == 0)
    }

    @Test("a metric criterion is scored without a call next to LLM judges, and leaderboards include it", arguments: [false, true])
    func metricBesideJudges(perFactor: Bool) async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(
            teachers: 1, students: 2, judges: 1, total: 2, perFactor: perFactor, autoAttributes: false, autoRubric: false)
        for index in fixture.config.tasks.indices {
            fixture.config.tasks[index].rubric = .given([
                CoEvalNamedText(name: "accuracy", text: "Right."),
                CoEvalNamedText(name: "exact", text: "Matches the reference.", metric: "exact_match"),
            ])
        }
        // student1 repeats the reference answer the scripted teacher writes; student2 does not.
        fixture.replace("student1", with: CoEvalScriptedModel("student1") { phase, _, _ in
            phase == .responseCollection ? "Answer by teacher1" : nil
        })
        let outcome = try await fixture.run(temporary.store)
        #expect(outcome.status == .completed)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
        let metric = artifacts.evaluations.filter { $0.judge == "metric:exact_match" }
        let llm = artifacts.evaluations.filter { $0.judge == "judge1" }
        #expect(metric.count == 8 && llm.count == 8)
        #expect(llm.allSatisfy { Set($0.scores.keys) == ["accuracy"] })
        #expect(metric.allSatisfy { Set($0.scores.keys) == ["exact"] && $0.cost == .zero })
        #expect(metric.filter { $0.student == "student1" }.allSatisfy { $0.scores["exact"] == .high && $0.metricValues?["exact"] == 1 })
        #expect(metric.filter { $0.student == "student2" }.allSatisfy { $0.scores["exact"] == .low })
        #expect(fixture.callsByPhase[.evaluation] == 8)
        #expect(CoEvalPlanner(setup: try CoEvalSetup(config: fixture.config)).plan().phases.last?.calls == 8)
        let analysis = CoEvalAnalysis(artifacts: artifacts)
        let board = try #require(analysis.leaderboard(task: "math", criterion: "exact"))
        #expect(board.standings.map(\.student) == ["student1", "student2"])
        #expect(board.standings.map(\.mean) == [1, 0])
        #expect(analysis.judges.contains("metric:exact_match"))
        #expect(analysis.coverage.tasks.allSatisfy { $0.missingGrades == 0 })
        let status = try await CoEvalStatus.build(runID: outcome.runID, store: temporary.store)
        #expect(status.phases.last?.expected == 16 && status.phases.last?.done == 16)
    }

    @Test("label attributes are always sampled, read from replies and scored per class")
    func labelRun() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 4, autoAttributes: false, autoRubric: false)
        fixture.config.tasks = [fixture.config.tasks[0]]
        fixture.config.tasks[0].targetAttributes = .given([
            CoEvalNamedValues(name: "level", values: ["a", "b"]), CoEvalNamedValues(name: "sentiment", values: ["positive", "negative"]),
        ])
        fixture.config.tasks[0].sampling = CoEvalSamplingConfig(target: CoEvalRange(min: 0, max: 0), total: 4)
        fixture.config.tasks[0].labelAttributes = ["sentiment"]
        fixture.replace("student1", with: CoEvalScriptedModel("student1") { phase, _, _ in
            phase == .responseCollection ? "Positive." : nil
        })
        let outcome = try await fixture.run(temporary.store)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
        #expect(artifacts.items.count == 4 && artifacts.items.allSatisfy { $0.sampledTarget["sentiment"] != nil })
        let labelled = artifacts.evaluations.filter { $0.judge == CoEvalMetric.labelJudge }
        #expect(labelled.count == 4)
        let positives = artifacts.items.count { $0.sampledTarget["sentiment"] == "positive" }
        let analysis = CoEvalAnalysis(artifacts: artifacts)
        let all = try #require(analysis.labels.first { $0.student == nil })
        #expect(all.responses == 4 && all.accuracy == Double(positives) / 4)
        #expect(all.classes.first { $0.label == "positive" }?.predicted == 4)
        let html = CoEvalReport(analysis: analysis, artifacts: artifacts).rendered()
        #expect(html.contains("id=\"label-classes\"") && html.contains("<td>all students</td>") && !html.contains("GRDB"))
        #expect(analysis.renderedSummary().contains("labels\ntask  attribute  student"))
    }
}
