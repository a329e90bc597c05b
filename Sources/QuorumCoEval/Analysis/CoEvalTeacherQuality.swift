import QuorumEvaluation

/// How well one teacher's items separate strong students from weak ones (CoEval's teacher
/// differentiation scores).
///
/// For each (task, criterion) the teacher wrote items for, each student's mean ensemble grade over
/// those items is μ; `variance` (CoEval's V1) is the mean over (task, criterion) of the sample
/// variance of the students' μ, `spread` (S2) its square root, `range` (R3) the mean of
/// max μ − min μ. A teacher whose items every student aces (or fails) scores 0. `discrimination`
/// adds test theory's view: do students who do well elsewhere also do well on these items?
public struct CoEvalTeacherQuality: Sendable, Hashable, Codable {
    public var teacher: String
    /// 1 for the best separating teacher by `variance`; equal values share a rank.
    public var rank: Int?
    public var items: Int
    /// Items per task.
    public var itemsByTask: [String: Int]
    /// Graded responses to this teacher's items.
    public var gradedResponses: Int
    /// Mean ensemble grade of every graded response to its items: how hard its items are (lower is harder).
    public var meanScore: Double?
    public var variance: Double?
    public var spread: Double?
    public var range: Double?
    /// Mean item discrimination: per item, Pearson's r across students between their grade on the
    /// item and their mean grade on every other item (the corrected item-total correlation of
    /// test theory); `nil` when no item has three or more graded students with varying grades.
    public var discrimination: Double?
}

extension CoEvalTeacherQuality {
    static func all(
        teachers: [String], items: [CoEvalItem], table: CoEvalGradeTable, ensemble: [CoEvalGradeTable.Unit: Double]
    ) -> [CoEvalTeacherQuality] {
        struct Cell: Hashable { var task: String, criterion: String, student: String }
        var cells: [String: [Cell: [Double]]] = [:]
        for unit in table.units {
            guard let value = ensemble[unit], let subject = table.subjects[unit.responseID] else { continue }
            cells[subject.teacher, default: [:]][Cell(task: subject.task, criterion: unit.criterion, student: subject.student), default: []]
                .append(value)
        }
        let responseScores = table.responseScores(ensemble: ensemble)
        let discrimination = itemDiscrimination(responseScores: responseScores, subjects: table.subjects)
        var results = teachers.map { teacher -> CoEvalTeacherQuality in
            let written = items.filter { $0.teacher == teacher }
            let scores = responseScores.filter { table.subjects[$0.key]?.teacher == teacher }.sorted { $0.key < $1.key }
                .map(\.value)
            var studentMeans: [String: [Double]] = [:]
            let own = cells[teacher] ?? [:]
            for cell in own.keys.sorted(by: { ($0.task, $0.criterion, $0.student) < ($1.task, $1.criterion, $1.student) }) {
                let values = own[cell]!
                studentMeans["\(cell.task)\u{0}\(cell.criterion)", default: []].append(values.reduce(0, +) / Double(values.count))
            }
            let groups = studentMeans.keys.sorted().map { studentMeans[$0]! }
            let variance = groups.isEmpty ? nil : groups.map(sampleVariance).reduce(0, +) / Double(groups.count)
            return CoEvalTeacherQuality(
                teacher: teacher, rank: nil, items: written.count,
                itemsByTask: Dictionary(grouping: written, by: \.task).mapValues(\.count), gradedResponses: scores.count,
                meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
                variance: variance, spread: variance.map { $0.squareRoot() },
                range: groups.isEmpty ? nil : groups.map { $0.max()! - $0.min()! }.reduce(0, +) / Double(groups.count),
                discrimination: mean(written.compactMap { discrimination[$0.id] }))
        }
        let ranked = results.indices.filter { results[$0].variance != nil }
            .sorted { results[$0].variance! > results[$1].variance! }
        for (position, index) in ranked.enumerated() {
            let previous = position > 0 ? ranked[position - 1] : nil
            let tied = previous.map { abs(results[$0].variance! - results[index].variance!) <= CoEvalLeaderboard.tieTolerance } == true
            results[index].rank = tied ? results[previous!].rank : position + 1
        }
        return results
    }

    /// Item id → its corrected item-total correlation over the students that answered it.
    static func itemDiscrimination(responseScores: [String: Double], subjects: [String: CoEvalGradeTable.Subject]) -> [String: Double] {
        var byStudent: [String: [String: Double]] = [:]  // student → item → score
        for (responseID, score) in responseScores {
            guard let subject = subjects[responseID] else { continue }
            byStudent[subject.student, default: [:]][subject.itemID] = score
        }
        let totals = byStudent.mapValues { ($0.sorted { $0.key < $1.key }.map(\.value).reduce(0, +), $0.count) }
        var pairs: [String: [(Double, Double)]] = [:]  // item → (item score, rest score) per student
        // Students in name order so sums, and so the result, are the same bit for bit in every process.
        for student in byStudent.keys.sorted() {
            let scores = byStudent[student]!, (sum, count) = totals[student]!
            guard count >= 2 else { continue }
            for (item, score) in scores { pairs[item, default: []].append((score, (sum - score) / Double(count - 1))) }
        }
        return pairs.compactMapValues { values in
            values.count >= 3 ? Correlation.pearson(values.map(\.0), values.map(\.1)) : nil
        }
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Sample variance (n − 1); 0 for fewer than two values, as CoEval counts a lone student.
    static func sampleVariance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
    }
}
