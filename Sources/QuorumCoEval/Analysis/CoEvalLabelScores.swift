/// How well students' replies name the label of `label_attributes` items: accuracy, and per class
/// precision, recall and F1, over every student together and per student.
///
/// Definitions follow scikit-learn's `classification_report` with `zero_division=0`: the classes
/// are every label expected or predicted (sorted), a ratio with nothing to divide by is 0, and the
/// macro F1 is the unweighted mean over those classes.
public struct CoEvalLabelScores: Sendable, Hashable, Codable {
    public var task: String
    public var attribute: String
    /// `nil` for every student together.
    public var student: String?
    /// Replies read (one per graded response that has the label).
    public var responses: Int
    public var accuracy: Double
    public var macroF1: Double
    public var classes: [CoEvalClassScores]

    /// The scores of `pairs` (expected, predicted).
    init(task: String, attribute: String, student: String?, pairs: [(expected: String, predicted: String)]) {
        self.task = task
        self.attribute = attribute
        self.student = student
        responses = pairs.count
        let correct = pairs.count { $0.expected == $0.predicted }
        accuracy = pairs.isEmpty ? 0 : Double(correct) / Double(pairs.count)
        let labels = Set(pairs.flatMap { [$0.expected, $0.predicted] }).sorted()
        classes = labels.map { label in
            let truePositives = pairs.count { $0.expected == label && $0.predicted == label }
            let support = pairs.count { $0.expected == label }, predicted = pairs.count { $0.predicted == label }
            return CoEvalClassScores(label: label, support: support, predicted: predicted, truePositives: truePositives)
        }
        macroF1 = classes.isEmpty ? 0 : classes.map(\.f1).reduce(0, +) / Double(classes.count)
    }

    /// One entry per (task, label attribute) for all students, then one per student, from the label
    /// judge's evaluations and the items' sampled labels.
    static func all(_ artifacts: CoEvalArtifacts, students: [String]) -> [CoEvalLabelScores] {
        let items = Dictionary(artifacts.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [String: [(student: String, expected: String, predicted: String)]] = [:]
        var order: [(task: String, attribute: String)] = []
        let labelled = artifacts.evaluations.filter { $0.judge == CoEvalMetric.labelJudge }.sorted { $0.id < $1.id }
        for evaluation in labelled {
            for (attribute, predicted) in (evaluation.predictedLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let expected = items[evaluation.itemID]?.sampledTarget[attribute] else { continue }
                let key = "\(evaluation.task)\u{0}\(attribute)"
                if groups[key] == nil { order.append((evaluation.task, attribute)) }
                groups[key, default: []].append((evaluation.student, expected, predicted))
            }
        }
        return order.flatMap { task, attribute -> [CoEvalLabelScores] in
            let rows = groups["\(task)\u{0}\(attribute)"] ?? []
            let whole = CoEvalLabelScores(
                task: task, attribute: attribute, student: nil, pairs: rows.map { ($0.expected, $0.predicted) })
            return [whole] + students.compactMap { student in
                let own = rows.filter { $0.student == student }
                return own.isEmpty ? nil : CoEvalLabelScores(
                    task: task, attribute: attribute, student: student, pairs: own.map { ($0.expected, $0.predicted) })
            }
        }
    }
}

/// One class of a label attribute.
public struct CoEvalClassScores: Sendable, Hashable, Codable {
    public var label: String
    /// Replies whose expected label is this class.
    public var support: Int
    /// Replies read as this class.
    public var predicted: Int
    public var truePositives: Int

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { support == 0 ? 0 : Double(truePositives) / Double(support) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}
