import Foundation
import QuorumCore
import QuorumOrchestration
import Testing

@testable import QuorumEvaluation

/// Two levels: the weak one costs 1, the strong one 3; `weak`/`strong` say who is right, `signal`
/// is the weak level's confidence.
private func item(_ id: Int, weak: Bool, strong: Bool, signal: Double) -> LadderItem {
    LadderItem(id: "i\(id)", levels: [
        LevelOutcome(correct: weak, cost: 1, signal: signal), LevelOutcome(correct: strong, cost: 3, signal: nil),
    ])
}

/// Ten items: the weak level is right on the six most confident ones, the strong on all but one.
private let informative: [LadderItem] = (0..<10).map { index in
    item(index, weak: index < 6, strong: index != 9, signal: -Double(index) / 10)
}

@Suite("Calibration")
struct CalibrationTests {
    @Test("a cascade point pays every level it tries; the ends are each level alone")
    func cascadePoints() {
        let curve = LadderCurve(policy: .cascade, items: informative)
        #expect(curve.weakAccuracy == 0.6)
        #expect(curve.strongAccuracy == 0.9)
        #expect(curve.strongCost == 3)
        // Accept at ≥ -0.55: items 0–5 answered by the weak level (cost 1), 6–9 pay 1 + 3.
        let point = curve.point(at: -0.55)
        #expect(point.accuracy == 0.9)
        #expect(abs(point.cost - (6 * 1 + 4 * 4) / 10.0) < 1e-9)
        #expect(point.strongShare == 0.4)
        #expect(point.levelShares == [0.6, 0.4])
        #expect(point.gapRecovered == 1)
        let all = curve.point(at: nil)
        #expect(all.strongShare == 1)
        #expect(abs(all.relativeCost - 4.0 / 3) < 1e-9)
        // One point per distinct signal, plus "escalate all".
        #expect(curve.points.count == 11)
    }

    @Test("the oracle accepts exactly the right answers; a router's pays only the level it picks")
    func oracle() {
        let cascade = LadderCurve(policy: .cascade, items: informative).oracle
        #expect(cascade.accuracy == 0.9)
        // Six weak-right items cost 1; three strong-right cost 4; the one nobody gets right pays both.
        #expect(abs(cascade.cost - (6 + 3 * 4 + 4) / 10.0) < 1e-9)
        let router = LadderCurve(policy: .router, items: informative).oracle
        #expect(router.accuracy == 0.9)
        #expect(abs(router.cost - (6 + 3 * 3 + 1) / 10.0) < 1e-9)
    }

    @Test("APGR is 1 for a signal that separates right from wrong perfectly and lower for a reversed one")
    func averageGapRecovered() throws {
        let items = (0..<10).map { item($0, weak: $0 < 5, strong: true, signal: $0 < 5 ? 0 : -1) }
        let perfect = try #require(LadderCurve(policy: .router, items: items).averageGapRecovered)
        // The perfect router recovers everything at 50% strong share: area = 1 - 0.5/2... the curve
        // rises linearly from (0, 0) to (0.5, 1) and stays: 0.25 + 0.5.
        #expect(abs(perfect - 0.75) < 1e-9)
        let reversed = items.map { var copy = $0; copy.levels[0].signal = $0.levels[0].correct ? -1 : 0; return copy }
        let worse = try #require(LadderCurve(policy: .router, items: reversed).averageGapRecovered)
        #expect(worse < perfect)
        #expect(LadderCurve(policy: .router, items: items).strongShare(toRecover: 0.5) == 0.5)
        let noGap = (0..<4).map { item($0, weak: true, strong: true, signal: 0) }
        #expect(LadderCurve(policy: .cascade, items: noGap).averageGapRecovered == nil)
    }

    @Test("targets pick the cheapest point keeping the quality, or the best within a share or a cost")
    func targets() throws {
        let curve = LadderCurve(policy: .cascade, items: informative)
        let quality = try CalibrationTarget(parsing: "quality=1").choose(on: curve)
        #expect(quality.accuracy == 0.9)
        #expect(quality.threshold == -0.5)
        let share = try CalibrationTarget(parsing: "strong-share=0.2").choose(on: curve)
        #expect(share.strongShare <= 0.2)
        #expect(share.accuracy == 0.7)
        let cost = try CalibrationTarget(parsing: "cost=0.5").choose(on: curve)
        #expect(cost.relativeCost <= 0.5)
        #expect(throws: QuorumError.self) { try CalibrationTarget(parsing: "quality") }
        #expect(throws: QuorumError.self) { try CalibrationTarget(parsing: "latency=0.5") }
        #expect(throws: QuorumError.self) { try CalibrationTarget(parsing: "cost=1.5") }
    }

    @Test("the hold-out keeps every k-th item, and its estimate's intervals hold the point")
    func holdout() throws {
        let (fit, heldOut) = informative.splitForHoldout(0.3)
        #expect(heldOut.map(\.id) == ["i3", "i6", "i9"])
        #expect(fit.count == 7)
        let estimate = LadderEstimate(policy: .cascade, items: informative, threshold: -0.55)
        let accuracy = try #require(estimate.accuracy)
        #expect(accuracy.lower95 <= 0.9 && 0.9 <= accuracy.upper95)
        #expect(estimate.qualityRatio == 1)
        let cost = try #require(estimate.relativeCost)
        #expect(cost.lower95 <= estimate.point.relativeCost && estimate.point.relativeCost <= cost.upper95)
    }
}
