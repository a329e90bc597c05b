import Foundation
import QuorumCore

/// The flat shape of an item in `quorum export`: one JSON line or CSV row per (system, item).
public struct ExportedItem: Sendable, Hashable, Codable {
    public var id: String
    public var system: String
    public var status: String
    public var answer: String?
    public var reference: String?
    public var score: Double?
    public var passed: Bool?
    public var level: Int?
    public var answerCost: USD
    public var judgeCost: USD
    public var cost: USD
    public var latency: Double?
    public var note: String?

    public init(_ item: ItemRecord) {
        id = item.itemID
        system = item.system
        status = item.status.rawValue
        answer = item.answer
        reference = item.reference
        score = item.score
        passed = item.passed
        level = item.level
        answerCost = item.answerCost
        judgeCost = item.judgeCost
        cost = item.totalCost
        latency = item.latency
        note = item.note
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, system, status, answer, reference, score, passed, level, answerCost = "answer_cost",
            judgeCost = "judge_cost", cost, latency, note
    }

    public static var csvHeader: String { CodingKeys.allCases.map(\.rawValue).joined(separator: ",") }

    /// One CSV row, quoted where needed (RFC 4180).
    public var csvRow: String {
        let cells: [String?] = [
            id, system, status, answer, reference, score.map { String($0) }, passed.map { String($0) },
            level.map { String($0) }, answerCost.exactString, judgeCost.exactString, cost.exactString,
            latency.map { String(format: "%.3f", $0) }, note,
        ]
        return cells.map { Self.quoted($0 ?? "") }.joined(separator: ",")
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
