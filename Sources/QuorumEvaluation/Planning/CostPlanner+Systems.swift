import QuorumCore

extension CostPlanner {
    /// Adds the expected calls of answering one item with `name` (a system or a model), times `weight`.
    func expand(_ name: String, weight: Double, prompt: Double, into tally: inout CallTally, depth: Int) {
        guard depth < 8, let system = config.system(named: name) else {
            tally.add(model: name, calls: weight, prompt: prompt, output: outputTokens(model: name, system: nil))
            return
        }
        let output = { (model: String) in self.outputTokens(model: model, system: system) }
        func call(_ member: String, _ times: Double, prompt extra: Double = 0) {
            if config.system(named: member) != nil {
                expand(member, weight: weight * times, prompt: prompt + extra, into: &tally, depth: depth + 1)
            } else {
                tally.add(model: member, calls: weight * times, prompt: prompt + extra, output: output(member))
            }
        }
        func judge(_ judgeName: String?, _ times: Double) {
            guard let judgeName, let model = config.judge(named: judgeName)?.model else { return }
            tally.add(model: model, calls: weight * times, prompt: prompt * 2 + 200, output: 150)
        }
        switch system.type {
        case "cascade", "debate":
            var reach = 1.0
            let rates = escalation[name] ?? []
            // The gate judges every level's answer, the last one's too (its verdict is recorded).
            for (index, level) in (system.levels ?? []).enumerated() {
                switch level {
                case .model(let member):
                    call(member, reach)
                    judge(system.gate?.judge, reach)
                case .workers(let debate):
                    let rounds = Double(1 + (debate.rounds ?? 1))
                    for worker in debate.workers { call(worker.model, reach * rounds, prompt: 300) }
                    judge(debate.judge ?? system.judge, reach)
                }
                reach *= index < rates.count ? rates[index] : defaultEscalation
            }
        case "moa":
            var references = 0.0
            for layer in system.layers ?? [] {
                for member in layer { call(member, 1, prompt: references * 200) }
                references = Double(layer.count)
            }
            if let aggregator = system.aggregator { call(aggregator, 1, prompt: references * 200) }
        case "best-of-n":
            let samples = Double(system.n ?? 4)
            for member in system.models ?? (system.model.map { [$0] } ?? []) {
                call(member, samples / Double(max(1, system.models?.count ?? 1)))
            }
            judge(system.judge, samples)
        case "self-consistency":
            if let model = system.model { call(model, Double(system.n ?? 5)) }
        case "router":
            if let fallback = system.default { call(fallback, 1) }
        default:
            if let model = system.model { call(model, 1) }
        }
    }
}
