import Foundation
import QuorumCore

@testable import QuorumOrchestration

/// The judges' verdict parsers on any reply: a label, a score in range, or an error.
enum VerdictFuzz {
    static let rubric = RubricJudge(
        name: "fuzz", model: "m", criteria: [RubricJudge.Criterion(name: "accuracy"), RubricJudge.Criterion(name: "style")])

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = PairwiseJudge.label(in: text)
        for scale in [1, 10] {
            if let reading = try? ScoreParser(scale: scale).parse(text), !reading.score.isFinite {
                fatalError("a non-finite score was read from \(text)")
            }
        }
        if let scores = try? rubric.parseScores(text), scores.values.contains(where: { !$0.isFinite }) {
            fatalError("a non-finite rubric score was read from \(text)")
        }
    }
}
