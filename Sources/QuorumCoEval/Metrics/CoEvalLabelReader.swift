import QuorumOrchestration

/// Reads a student's reply as a class label (`label_attributes`): the reply is compared with the
/// item's sampled value after `AnswerExtractor.normalize`.
public enum CoEvalLabelReader {
    /// The class the reply names among `classes`: the one it equals once normalized, else the only
    /// one it contains as whole words; otherwise its normalized final line (a class of its own,
    /// which counts as wrong).
    public static func label(of reply: String, classes: [String]) -> String {
        let text = AnswerExtractor.normalize(reply)
        if let equal = classes.first(where: { AnswerExtractor.normalize($0) == text }) { return equal }
        let mentioned = classes.filter { label in
            let words = AnswerExtractor.normalize(label)
            return !words.isEmpty && " \(text) ".contains(" \(words) ")
        }
        if mentioned.count == 1 { return mentioned[0] }
        let last = reply.split(whereSeparator: \.isNewline).last.map(String.init) ?? reply
        return AnswerExtractor.normalize(last)
    }

    /// Whether `predicted` is the expected label (compared normalized).
    public static func matches(_ predicted: String, expected: String) -> Bool {
        AnswerExtractor.normalize(predicted) == AnswerExtractor.normalize(expected)
    }
}
