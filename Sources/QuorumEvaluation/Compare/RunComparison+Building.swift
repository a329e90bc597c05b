import Foundation
import QuorumCore
import QuorumStore

extension RunComparison {
    /// Compares the systems of `run` from its stored `items` and pairwise `verdicts`.
    public init(run: RunRecord, items: [ItemRecord], verdicts: [PairwiseVerdict], options: ComparisonOptions = ComparisonOptions()) {
        let baseline = options.baseline ?? run.baseline ?? run.systems.first ?? ""
        let judge = options.judge ?? Self.mostUsedJudge(verdicts, baseline: baseline)
        let games = PairwiseGames(
            verdicts: verdicts.filter { $0.judge == judge && $0.baseline == baseline }, items: items, baseline: baseline)
        let bySystem = Dictionary(grouping: items, by: \.system)
        let baselinePasses = Dictionary(
            (bySystem[baseline] ?? []).compactMap { item in item.passed.map { (item.itemID, $0) } }, uniquingKeysWith: { a, _ in a })
        var systems = run.systems.map { name in
            SystemComparison(
                name, items: bySystem[name] ?? [], isBaseline: name == baseline, baselinePasses: baselinePasses,
                pairwise: name == baseline ? nil : games.record(for: name, bootstrap: options.bootstrap),
                pairwiseCost: games.cost(for: name), referencePrice: options.referencePrice, scoring: run.scoring)
        }
        if let base = systems.first(where: \.isBaseline), base.cost.system > .zero {
            for index in systems.indices where !systems[index].isBaseline {
                let relative = systems[index].cost.system.doubleValue / base.cost.system.doubleValue
                systems[index].cost.relativeToBaseline = relative.isFinite ? relative : nil
            }
        }
        let axis = Self.qualityAxis(systems)
        let placed = ParetoFrontier.estimate(systems.compactMap { system -> ParetoFrontier.Point? in
            guard let quality = axis.flatMap({ Self.quality(of: system, axis: $0) }), let cost = system.cost.perItem else { return nil }
            return ParetoFrontier.Point(system: system.system, cost: cost.doubleValue, quality: quality)
        })
        let frontier = placed.value ?? []
        for index in systems.indices { systems[index].isParetoOptimal = frontier.contains(systems[index].system) }
        self.init(
            runID: run.id, name: run.name, dataset: run.dataset, status: run.status, baseline: baseline,
            measure: run.scoring.map { $0.hasPrefix("judge") ? .meanScore : .accuracy },
            judge: games.isEmpty ? nil : judge, judgeModel: games.isEmpty ? nil : options.judgeModel, systems: systems,
            ratings: games.isEmpty ? nil : games.ratings(players: run.systems, style: false, bootstrap: options.bootstrap),
            styleControlledRatings: games.judgedPairs < Self.minimumPairsForStyleControl || !options.styleControl
                ? nil : games.ratings(players: run.systems, style: true, bootstrap: options.bootstrap),
            judgeBias: games.isEmpty ? nil : games.bias(selfPreference: Self.selfPreference(options)),
            frontier: frontier, frontierNote: placed.reason, qualityAxis: axis, referenceModel: options.referencePrice?.model, headline: "",
            warnings: [], bootstrapResamples: options.bootstrap.resamples, bootstrapSeed: options.bootstrap.seed,
            items: Self.itemRows(items, systems: run.systems, games: games))
        headline = makeHeadline()
        warnings = makeWarnings(games: games, items: items)
            + Self.ensembleWarnings(systems, config: try? JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8)))
    }

    /// Below this many judged pairs four style covariates overfit (every answer pair is its own
    /// explanation), so style-controlled ratings are left out.
    public static let minimumPairsForStyleControl = 20

    /// The LLM judge with the most stored verdicts against `baseline`. People's A/B games (one per
    /// item, not a position-swapped pair) are only compared when asked for by name.
    static func mostUsedJudge(_ verdicts: [PairwiseVerdict], baseline: String) -> String? {
        Dictionary(grouping: verdicts.filter { $0.baseline == baseline && !$0.isHuman }, by: \.judge)
            .max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
    }

    static func selfPreference(_ options: ComparisonOptions) -> [String] {
        guard let model = options.judgeModel else { return [] }
        return options.modelsBySystem.filter { $0.value.contains(model) }.map(\.key).sorted()
    }

    /// `accuracy` when the run was verified, else `arena_score` when judged pairwise, else `mean_score`.
    static func qualityAxis(_ systems: [SystemComparison]) -> String? {
        if systems.contains(where: { $0.accuracy != nil }) { return "accuracy" }
        if systems.contains(where: { $0.pairwise?.score != nil }) { return "arena_score" }
        if systems.contains(where: { $0.meanScore != nil }) { return "mean_score" }
        return nil
    }

    /// A system's value on `axis` (the baseline scores 0.5 against itself).
    public static func quality(of system: SystemComparison, axis: String) -> Double? {
        switch axis {
        case "accuracy": system.accuracy
        case "arena_score": system.isBaseline ? 0.5 : system.pairwise?.score
        default: system.meanScore
        }
    }

    static func itemRows(_ items: [ItemRecord], systems: [String], games: PairwiseGames) -> [ItemComparison] {
        var order: [String] = []
        var byItem: [String: [ItemRecord]] = [:]
        for item in items.sorted(by: { $0.position < $1.position }) {
            if byItem[item.itemID] == nil { order.append(item.itemID) }
            byItem[item.itemID, default: []].append(item)
        }
        return order.map { id in
            let records = byItem[id] ?? []
            let results = systems.compactMap { name in records.first { $0.system == name } }.map { item in
                let pair = games.pair(system: item.system, item: id)
                return ItemResult(
                    system: item.system, status: item.status, answer: item.answer, passed: item.passed, score: item.score,
                    level: item.level, cost: CostBreakdown(items: [item], pairwiseCost: .zero, referencePrice: nil).system,
                    latency: item.latency, outcome: pair?.outcome, labels: pair?.shownLabels)
            }
            return ItemComparison(itemID: id, prompt: records.first?.prompt ?? "", reference: records.first?.reference, results: results)
        }
    }
}

extension SystemComparison {
    init(
        _ name: String, items: [ItemRecord], isBaseline: Bool, baselinePasses: [String: Bool], pairwise: PairwiseRecord?,
        pairwiseCost: USD, referencePrice: ReferencePrice?, scoring: String? = nil
    ) {
        let answered = items.filter { $0.status == .answered }
        let passes = answered.compactMap(\.passed)
        let scores = answered.compactMap(\.score)
        let passed = passes.count { $0 }
        self.init(
            system: name, isBaseline: isBaseline, items: items.count, answered: answered.count,
            failed: items.count { $0.status == .failed }, pending: items.count { $0.status == .pending },
            accuracy: passes.isEmpty ? nil : Double(passed) / Double(passes.count),
            accuracyInterval: WilsonInterval(successes: passed, trials: passes.count),
            meanScore: scores.finite.isEmpty ? nil : scores.finite.reduce(0, +) / Double(scores.finite.count),
            pairedDifference: isBaseline ? nil : Self.pairedDifference(answered, baselinePasses),
            pairwise: pairwise,
            cost: CostBreakdown(items: items, pairwiseCost: pairwiseCost, referencePrice: referencePrice),
            latency: Distribution(answered.compactMap(\.latency)),
            answerLength: Distribution(answered.compactMap { $0.answer.map { Double(StyleFeatures(of: $0).tokens) } }),
            funnel: Self.funnel(answered), isParetoOptimal: false, gate: GateReview(items: items, scoring: scoring))
    }

    static func pairedDifference(_ answered: [ItemRecord], _ baselinePasses: [String: Bool]) -> PairedDifference? {
        var both = 0, baselineOnly = 0, systemOnly = 0, neither = 0
        for item in answered {
            guard let mine = item.passed, let theirs = baselinePasses[item.itemID] else { continue }
            switch (mine, theirs) {
            case (true, true): both += 1
            case (false, true): baselineOnly += 1
            case (true, false): systemOnly += 1
            case (false, false): neither += 1
            }
        }
        let n = Double(both + baselineOnly + systemOnly + neither)
        guard n > 0 else { return nil }
        let difference = Double(systemOnly - baselineOnly) / n
        let variance = (Double(systemOnly + baselineOnly) / n - difference * difference) / n
        let half = 1.959964 * max(0, variance).squareRoot()
        return PairedDifference(
            pairs: Int(n), difference: difference, lower: max(-1, difference - half), upper: min(1, difference + half),
            mcnemar: McNemarTest(baselineOnly: baselineOnly, systemOnly: systemOnly))
    }

    static func funnel(_ answered: [ItemRecord]) -> [LevelStep] {
        Dictionary(grouping: answered) { $0.level ?? 1 }.sorted { $0.key < $1.key }.map { level, group in
            let passes = group.compactMap(\.passed)
            let passed = passes.count { $0 }
            return LevelStep(
                level: level, items: group.count, share: Double(group.count) / Double(answered.count),
                accuracy: passes.isEmpty ? nil : Double(passed) / Double(passes.count),
                accuracyInterval: WilsonInterval(successes: passed, trials: passes.count))
        }
    }
}
