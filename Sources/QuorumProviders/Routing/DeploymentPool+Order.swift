import QuorumCore

extension DeploymentPool {
    /// `indices` in the order the strategy prefers; ties keep the configured order.
    func order(_ indices: [Int], states: [DeploymentState]) -> [Int] {
        switch strategy {
        case .simpleShuffle:
            return weightedShuffle(indices)
        case .leastBusy:
            return stableSorted(indices) { states[$0].inFlight }
        case .latency:
            // Untried deployments first, so each one gets measured.
            return stableSorted(indices) { states[$0].latency ?? -1 }
        case .cost:
            return stableSorted(indices) { index in
                deployments[index].price.map { $0.input.amount + $0.output.amount } ?? .greatestFiniteMagnitude
            }
        }
    }

    /// A random order where each next deployment is drawn in proportion to its weight.
    private func weightedShuffle(_ indices: [Int]) -> [Int] {
        var remaining = indices
        var result: [Int] = []
        while !remaining.isEmpty {
            let weights = remaining.map { max(0, deployments[$0].weight) }
            let total = weights.reduce(0, +)
            var draw = random.unit() * (total > 0 ? total : Double(remaining.count))
            var pick = remaining.count - 1
            for (position, weight) in weights.enumerated() {
                draw -= total > 0 ? weight : 1
                if draw < 0 {
                    pick = position
                    break
                }
            }
            result.append(remaining.remove(at: pick))
        }
        return result
    }

    private func stableSorted<Key: Comparable>(_ indices: [Int], by key: (Int) -> Key) -> [Int] {
        indices.enumerated()
            .sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }
            .map(\.element)
    }
}
