import QuorumCore

/// What each phase of a CoEval run has produced so far, and what it cost.
public struct CoEvalCoverage: Sendable, Hashable, Codable {
    /// One per task, in the analysis's task order.
    public var tasks: [CoEvalTaskCoverage]
    /// One row per (role, model) that has a part in the run.
    public var models: [CoEvalModelCoverage]
    /// Items, responses and evaluations together (phases 1–2 record no cost).
    public var totalCost: USD
}

/// One task's progress through the five phases.
public struct CoEvalTaskCoverage: Sendable, Hashable, Codable {
    public var task: String
    /// Phase 1: attributes in the merged map (target + nuanced); 0 before phase 1.
    public var attributes: Int
    /// Phase 2: criteria in the rubric judges use.
    public var criteria: Int
    /// Phase 3: items per teacher.
    public var itemsByTeacher: [String: Int]
    public var items: Int
    /// Phase 4: responses present, and items × students.
    public var responses: Int
    public var expectedResponses: Int
    /// Phase 5: evaluations present, and responses × judges.
    public var evaluations: Int
    public var expectedEvaluations: Int
    /// Rubric criteria the task's evaluations left ungraded.
    public var missingGrades: Int
}

/// One model in one role: how much it produced and what it cost.
public struct CoEvalModelCoverage: Sendable, Hashable, Codable {
    /// The part a model played in a CoEval run.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case teacher, student, judge
    }

    public var role: Role
    public var model: String
    /// Items written, responses given or evaluations made.
    public var produced: Int
    /// What a complete run would hold: every item answered (student), every response graded (judge);
    /// `nil` for teachers, whose target count lives in the config.
    public var expected: Int?
    public var cost: USD
}

extension CoEvalCoverage {
    init(_ artifacts: CoEvalArtifacts, tasks: [String], roster: CoEvalAnalysis.Roster) {
        let students = roster.students.count, judges = roster.judges.count
        self.tasks = tasks.map { task in
            let items = artifacts.items.filter { $0.task == task }
            let responses = artifacts.responses.filter { $0.task == task }.count
            let evaluations = artifacts.evaluations.filter { $0.task == task }
            let criteria = artifacts.rubric(forTask: task)?.criteria.map(\.name) ?? []
            let map = artifacts.attributeMap(forTask: task)
            return CoEvalTaskCoverage(
                task: task, attributes: (map?.target.count ?? 0) + (map?.nuanced.count ?? 0), criteria: criteria.count,
                itemsByTeacher: Dictionary(grouping: items, by: \.teacher).mapValues(\.count), items: items.count,
                responses: responses, expectedResponses: items.count * students, evaluations: evaluations.count,
                expectedEvaluations: responses * judges,
                missingGrades: evaluations.map { evaluation in
                    (artifacts.rubric(forTask: task)?.criteria(gradedBy: evaluation.judge) ?? criteria)
                        .filter { evaluation.scores[$0] == nil }.count
                }
                    .reduce(0, +))
        }
        let teacherRows = roster.teachers.map { teacher in
            let own = artifacts.items.filter { $0.teacher == teacher }
            return CoEvalModelCoverage(role: .teacher, model: teacher, produced: own.count, expected: nil, cost: own.map(\.cost).sum())
        }
        let studentRows = roster.students.map { student in
            let own = artifacts.responses.filter { $0.student == student }
            return CoEvalModelCoverage(
                role: .student, model: student, produced: own.count, expected: artifacts.items.count, cost: own.map(\.cost).sum())
        }
        let judgeRows = roster.judges.map { judge in
            let own = artifacts.evaluations.filter { $0.judge == judge }
            return CoEvalModelCoverage(
                role: .judge, model: judge, produced: own.count, expected: artifacts.responses.count, cost: own.map(\.cost).sum())
        }
        models = teacherRows + studentRows + judgeRows
        totalCost = models.map(\.cost).sum()
    }
}
