extension QuorumConfig {
    /// Names of the models that `names` (models or systems) call, directly or through nested
    /// systems and their judges; every model when `names` is empty.
    public func modelNames(neededBy names: [String]) -> [String] {
        guard !names.isEmpty else { return models.map(\.name) }
        return reachable(from: names).filter { model(named: $0) != nil }
    }

    /// Names of the systems that `names` are or use, directly or nested; every system when empty.
    public func systemNames(neededBy names: [String]) -> [String] {
        guard !names.isEmpty else { return systems.map(\.name) }
        return reachable(from: names).filter { system(named: $0) != nil }
    }

    /// Every model or system name reachable from `names` through systems and their judges.
    private func reachable(from names: [String]) -> [String] {
        var pending = names
        var seen: Set<String> = []
        var result: [String] = []
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            result.append(name)
            if let system = system(named: name) {
                pending += system.referencedNames
                pending += system.judgeNames.compactMap { judge(named: $0)?.model }
            }
            if let model = model(named: name) {
                // A model's fallbacks answer for it, so they are needed (and started) with it.
                pending += (model.fallbacks ?? []) + (model.contextWindowFallbacks ?? [])
            }
        }
        return result
    }
}

extension SystemConfig {
    /// Judges this system consults: its own, its gate's (nested too), and each debate level's.
    public var judgeNames: [String] {
        var names: [String] = []
        if let judge { names.append(judge) }
        var gates = gate.map { [$0] } ?? []
        while let next = gates.popLast() {
            if let judge = next.judge { names.append(judge) }
            gates += (next.all ?? []) + (next.any ?? [])
        }
        for case .workers(let level) in levels ?? [] {
            if let judge = level.judge { names.append(judge) }
        }
        return names
    }
}
