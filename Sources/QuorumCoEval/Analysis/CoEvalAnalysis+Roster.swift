extension CoEvalAnalysis {
    /// The models of each role a run is configured with, so that one that produced nothing still shows.
    public struct Roster: Sendable, Hashable, Codable {
        public var teachers: [String]
        public var students: [String]
        public var judges: [String]

        public init(teachers: [String] = [], students: [String] = [], judges: [String] = []) {
            self.teachers = teachers
            self.students = students
            self.judges = judges
        }

        /// The configured models plus any the artifacts name, configured order first.
        func merged(with artifacts: CoEvalArtifacts) -> Roster {
            func union(_ listed: [String], _ seen: [String]) -> [String] {
                listed + Set(seen).subtracting(listed).sorted()
            }
            return Roster(
                teachers: union(teachers, artifacts.items.map(\.teacher)),
                students: union(students, artifacts.responses.map(\.student) + artifacts.evaluations.map(\.student)),
                judges: union(judges, artifacts.evaluations.map(\.judge)))
        }
    }
}
