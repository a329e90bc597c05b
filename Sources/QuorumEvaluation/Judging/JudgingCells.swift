import Foundation
import QuorumCore
import QuorumProviders
import QuorumStore

/// Reads the `cells` of a judging file: each cell is judged, left empty (skipped), or has
/// problems, every one reported with its JSON path.
struct JudgingCells {
    let rubric: Rubric
    let judge: String
    let runID: String
    let now: Date
    /// The run's answered cells by id, with their answers' SHA-256.
    let answered: [String: (item: ItemRecord, digest: String)]
    private(set) var problems: [JudgingProblem] = []
    private(set) var valid: [Judgment] = []
    private(set) var skipped: [String] = []

    init(items: [ItemRecord], rubric: Rubric, judge: String, runID: String, now: Date) {
        self.rubric = rubric
        self.judge = judge
        self.runID = runID
        self.now = now
        var answered: [String: (item: ItemRecord, digest: String)] = [:]
        for item in items where item.status == .answered {
            guard let answer = item.answer else { continue }
            answered[JudgingFile.Cell.id(system: item.system, item: item.itemID)] = (item, TextDigest.sha256(answer))
        }
        self.answered = answered
    }

    mutating func read(_ value: JSONValue?) {
        guard case .array(let cells)? = value else {
            problem("$.cells", value == nil ? "missing: expected the list of cells" : "expected a list of cells")
            return
        }
        var firstAt: [String: Int] = [:]
        var repeated: Set<String> = []
        var judged: [(index: Int, judgment: Judgment)] = []
        for (index, cell) in cells.enumerated() {
            let path = "$.cells[\(index)]"
            let id = cell["id"]?.stringValue
            if let id, let first = firstAt[id] {
                problem("\(path).id", "cell '\(id)' is also at $.cells[\(first)]; neither is applied")
                repeated.insert(id)
            } else if let id {
                firstAt[id] = index
            }
            if let judgment = read(cell, id: id, at: path) { judged.append((index, judgment)) }
        }
        valid = judged.filter { !repeated.contains(JudgingFile.Cell.id(system: $0.judgment.system, item: $0.judgment.itemID)) }
            .map(\.judgment)
    }

    /// The cell's judgment; `nil` when it is empty (then skipped) or has problems (then reported).
    private mutating func read(_ cell: JSONValue, id: String?, at path: String) -> Judgment? {
        guard case .object(let fields) = cell else {
            problem(path, "expected a cell (an object with id, scores, flags, comment)")
            return nil
        }
        let before = problems.count
        var target: (item: ItemRecord, digest: String)?
        if let id {
            target = answered[id]
            if target == nil { problem("\(path).id", "run \(runID) has no answered cell '\(id)'") }
        } else {
            problem("\(path).id", fields["id"] == nil ? "missing: a cell needs its id" : "expected the cell's id as text")
        }
        let scores = readScores(fields["scores"], at: "\(path).scores")
        let flags = readFlags(fields["flags"], at: "\(path).flags")
        let comment = readComment(fields["comment"], at: "\(path).comment")
        if scores.given.isEmpty, flags.given.isEmpty, comment == nil {
            if problems.count == before, let id { skipped.append(id) }
            return nil
        }
        // Each missing field at its own path, so a person finds every one.
        let missing = rubric.criteria.map(\.name).filter { !scores.given.contains($0) }.map { Self.member("\(path).scores", $0) }
            + rubric.flags.map(\.name).filter { !flags.given.contains($0) }.map { Self.member("\(path).flags", $0) }
        for field in missing {
            problem(field, "missing: the cell is partly filled (fill every score and flag, or leave the whole cell empty to skip it)")
        }
        if let target { checkCandidate(fields, against: target.digest, at: path) }
        guard problems.count == before, let target else { return nil }
        return Judgment(
            runID: target.item.runID, system: target.item.system, itemID: target.item.itemID, judge: judge, kind: .human,
            rubric: rubric.label, scores: scores.values, flags: flags.values,
            composite: rubric.composite(scores: scores.values, flags: flags.values), comment: comment,
            candidateSHA256: target.digest, judgedAt: now)
    }

    /// The candidate judged must be the run's answer as exported: its SHA-256 unchanged in the
    /// store (the run went on) and in the file (the text was edited).
    private mutating func checkCandidate(_ fields: [String: JSONValue], against digest: String, at path: String) {
        guard let sent = fields["candidate_sha256"]?.stringValue else {
            problem("\(path).candidate_sha256", "missing: the file must keep each candidate's SHA-256 as exported")
            return
        }
        if sent != digest {
            problem("\(path).candidate_sha256", "the candidate changed since the file was exported; export again to judge the new answer")
        } else if let text = fields["candidate"]?.stringValue, TextDigest.sha256(text) != sent {
            problem("\(path).candidate", "the candidate was edited in the file; judge the answer as exported")
        }
    }

    /// Valid scores, and the names of every criterion given a value (valid or not).
    private mutating func readScores(_ value: JSONValue?, at path: String) -> (values: [String: Double], given: Set<String>) {
        var values: [String: Double] = [:]
        var given: Set<String> = []
        for (name, entry) in members(value, at: path, of: "criterion: score") where entry != .null {
            given.insert(name)
            guard let criterion = rubric.criterion(named: name) else {
                unknown(name, among: rubric.criteria.map(\.name), at: Self.member(path, name), what: "criterion")
                continue
            }
            let scale = criterion.scale
            let expected = "a whole number from \(scale.lowerBound) to \(scale.upperBound)"
            guard case .number(let score) = entry else {
                problem(Self.member(path, name), "expected \(expected), found \(Self.shown(entry))")
                continue
            }
            if score != score.rounded() {
                problem(Self.member(path, name), "expected \(expected), found \(Self.number(score))")
            } else if !(Double(scale.lowerBound)...Double(scale.upperBound)).contains(score) {
                problem(Self.member(path, name), "must be between \(scale.lowerBound) and \(scale.upperBound), found \(Self.number(score))")
            } else {
                values[name] = score
            }
        }
        return (values, given)
    }

    /// Valid flags, and the names of every flag given a value (valid or not).
    private mutating func readFlags(_ value: JSONValue?, at path: String) -> (values: [String: Bool], given: Set<String>) {
        var values: [String: Bool] = [:]
        var given: Set<String> = []
        for (name, entry) in members(value, at: path, of: "flag: true or false") where entry != .null {
            given.insert(name)
            guard rubric.flag(named: name) != nil else {
                unknown(name, among: rubric.flags.map(\.name), at: Self.member(path, name), what: "flag")
                continue
            }
            guard case .bool(let isSet) = entry else {
                problem(Self.member(path, name), "expected true or false, found \(Self.shown(entry))")
                continue
            }
            values[name] = isSet
        }
        return (values, given)
    }

    private mutating func readComment(_ value: JSONValue?, at path: String) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
        case let other?:
            problem(path, "expected text or null, found \(Self.shown(other))")
            return nil
        }
    }

    /// The members of an object field, by name; a field that is not an object is reported.
    private mutating func members(_ value: JSONValue?, at path: String, of shape: String) -> [(String, JSONValue)] {
        switch value {
        case nil, .null?: return []
        case .object(let members)?: return members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case let other?:
            problem(path, "expected an object of \(shape), found \(Self.shown(other))")
            return []
        }
    }

    private mutating func unknown(_ name: String, among names: [String], at path: String, what: String) {
        problem(path, "rubric \(rubric.label) has no \(what) '\(name)'" + DidYouMean.hint(for: name, among: names))
    }

    private mutating func problem(_ path: String, _ message: String) {
        problems.append(JudgingProblem(path: path, message: message))
    }

    /// `path.name`, or `path["name"]` when the name is not a plain word (JSONPath's two notations).
    static func member(_ path: String, _ name: String) -> String {
        let isWord = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return isWord ? "\(path).\(name)" : "\(path)[\(JSONWriter.quoted(name))]"
    }

    /// `4`, `3.5`: a number as JSON writes it.
    static func number(_ value: Double) -> String {
        var text = ""
        JSONWriter.writeNumber(value, into: &text)
        return text
    }

    /// A JSON value as a person wrote it, shortened, for "found …".
    static func shown(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let truth): "\(truth)"
        case .number(let number): Self.number(number)
        case .string(let text): "the text \(JSONWriter.quoted(String(text.prefix(40))))"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
