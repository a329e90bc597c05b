import QuorumCore
import QuorumTesting
import Testing
@testable import QuorumProviders

@Suite("Deployments: routing strategies")
struct RoutingStrategyTests {
    private func pool(
        _ strategy: RoutingStrategy, prices: [String?] = [nil, nil, nil], weights: [Double] = [1, 1, 1], seed: UInt64 = 1
    ) -> DeploymentPool {
        let deployments = zip(prices, weights).enumerated().map { index, pair in
            Deployment(
                label: "d\(index)", model: ScriptedModel(name: "d\(index)"), weight: pair.1,
                price: pair.0.map { Price(input: USD(string: $0)!, output: USD(string: $0)!) })
        }
        return DeploymentPool(model: "m", deployments: deployments, strategy: strategy, random: RoutingRandom(seed: seed))
    }

    @Test("cost tries the cheapest deployment first and one without a price last")
    func cost() {
        #expect(pool(.cost, prices: ["5", nil, "1"]).plan().ready == [2, 0, 1])
    }

    @Test("least-busy tries the deployment with the fewest calls in flight first")
    func leastBusy() {
        let pool = pool(.leastBusy)
        pool.begin(0)
        pool.begin(0)
        pool.begin(1)
        #expect(pool.plan().ready == [2, 1, 0])
        pool.succeeded(0, latency: 1)
        pool.succeeded(0, latency: 1)
        #expect(pool.plan().ready == [0, 2, 1])
    }

    @Test("latency measures untried deployments first, then prefers the fastest")
    func latency() {
        let pool = pool(.latency)
        for (index, seconds) in [(0, 2.0), (1, 0.5)] {
            pool.begin(index)
            pool.succeeded(index, latency: seconds)
        }
        #expect(pool.plan().ready == [2, 1, 0])
    }

    @Test("simple-shuffle sends traffic in proportion to the weights, the same way for the same seed")
    func weightedShuffle() {
        let shuffled = pool(.simpleShuffle, weights: [3, 1, 0], seed: 42)
        var counts = [0, 0, 0]
        for _ in 0..<4_000 { counts[shuffled.plan().ready[0]] += 1 }
        #expect((2_800...3_200).contains(counts[0]))
        #expect(counts[2] == 0)
        let again = pool(.simpleShuffle, weights: [3, 1, 0], seed: 42)
        let replay = (0..<50).map { _ in again.plan().ready }
        let fresh = pool(.simpleShuffle, weights: [3, 1, 0], seed: 42)
        #expect((0..<50).map { _ in fresh.plan().ready } == replay)
    }

    @Test("failures older than the window do not count towards a cooldown")
    func windowForgets() {
        let clock = ManualClock()
        let pool = DeploymentPool(
            model: "m", deployments: [Deployment(label: "a", model: ScriptedModel(name: "a"), weight: 1, price: nil)],
            cooldown: CooldownConfig(failures: 2, window: ConfigDuration(seconds: 10), duration: ConfigDuration(seconds: 5)),
            clock: clock.routing)
        let failure = QuorumError(.upstreamUnavailable, "down")
        pool.begin(0)
        #expect(pool.failed(0, error: failure, counts: true) == nil)
        clock.advance(by: .seconds(11))
        pool.begin(0)
        #expect(pool.failed(0, error: failure, counts: true) == nil)
        pool.begin(0)
        #expect(pool.failed(0, error: failure, counts: true) != nil)
        #expect(pool.plan().ready.isEmpty)
        clock.advance(by: .seconds(6))
        #expect(pool.plan().ready == [0])
    }
}
