import Foundation
import QuorumCore
import QuorumStore

/// A run ready to start: its record in the store, the items to answer, and what was skipped.
public struct PreparedRun: Sendable {
    public var run: RunRecord
    public var items: [DatasetItem]
    /// Malformed records left out with `--skip-bad-items`.
    public var skipped: [DatasetProblem]
    /// True for `--continue`.
    public var isContinuation: Bool
    /// Stored items of the run (after adding any new pairs), for the progress display.
    public var stored: [ItemRecord]

    /// Pairs still to answer.
    public var toDo: Int { stored.count { $0.status != .answered } }
}

extension PreparedRun {
    /// The same run with only `systems`' pairs to answer: one phase of a grid run model by model.
    public func only(_ systems: [String]) -> PreparedRun {
        var copy = self
        copy.stored = stored.filter { systems.contains($0.system) }
        return copy
    }
}

/// What `quorum run` was asked: which systems, how many items, whether to continue a run.
public struct RunRequest: Sendable {
    public var systems: [String]?
    public var limit: Int?
    public var continueRunID: String?
    public var skipBadItems: Bool
    /// Plan only: nothing is written to the store.
    public var dryRun: Bool

    public init(
        systems: [String]? = nil, limit: Int? = nil, continueRunID: String? = nil, skipBadItems: Bool = false,
        dryRun: Bool = false
    ) {
        self.systems = systems
        self.limit = limit
        self.continueRunID = continueRunID
        self.skipBadItems = skipBadItems
        self.dryRun = dryRun
    }
}

/// Turns a config and a `RunRequest` into a stored run with its pending items.
public struct RunLauncher: Sendable {
    public var config: QuorumConfig
    public var store: any RunStore

    public init(config: QuorumConfig, store: any RunStore) {
        self.config = config
        self.store = store
    }

    /// The systems the request names, else the experiment's (a grid's models), else every configured system.
    public func systemNames(for request: RunRequest) throws -> [String] {
        let names = request.systems ?? config.experiment?.systems ?? config.experiment?.grid?.models ?? config.systems.map(\.name)
        let unknown = names.filter { !isRunnable($0) }
        guard unknown.isEmpty else {
            let known = config.systems.map(\.name).joined(separator: ", ")
            throw QuorumError(.configuration, "unknown system(s) \(unknown.joined(separator: ", ")); configured: \(known)")
        }
        guard !names.isEmpty else { throw QuorumError(.configuration, "no systems to run; add some under systems:") }
        return names
    }

    /// Loads the dataset and records the run (or finds it, for `--continue`), every missing pair pending.
    public func prepare(_ request: RunRequest, scoring: String?) async throws -> PreparedRun {
        let dataset = try loadDataset(limit: request.limit, skipBadItems: request.skipBadItems)
        var systems = try systemNames(for: request)
        var run: RunRecord
        if let id = request.continueRunID {
            guard let existing = try await store.run(id) else {
                throw QuorumError(.store, "no run '\(id)' in this store; `quorum runs` lists them")
            }
            run = existing
            if request.systems == nil { systems = existing.systems }
            let added = systems.filter { !existing.systems.contains($0) }
            guard added.isEmpty else {
                throw QuorumError(
                    .configuration,
                    "run \(id) has systems \(existing.systems.joined(separator: ", ")); start a new run for \(added.joined(separator: ", "))")
            }
        } else {
            run = RunRecord(
                id: RunRecord.makeID(), name: config.experiment?.name ?? "experiment",
                configSnapshot: ConfigSnapshot.json(of: config), dataset: dataset.source, systems: systems,
                baseline: config.experiment?.baseline ?? systems.first, scoring: scoring)
        }
        let pairs = Self.pairs(of: dataset.items, systems: systems, run: run.id)
        let items = dataset.items
        if request.dryRun {
            return PreparedRun(run: run, items: items, skipped: dataset.skipped, isContinuation: request.continueRunID != nil, stored: pairs)
        }
        if request.continueRunID != nil {
            try Self.checkUnchanged(pairs, stored: try await store.items(ofRun: run.id), run: run.id)
            try await store.addMissingItems(pairs)
            try await store.updateRun(run.id, status: .running, stopReason: nil)
        } else {
            try await store.createRun(run, items: pairs)
        }
        let wanted = Set(systems)
        let ids = Set(items.map(\.id))
        let stored = try await store.items(ofRun: run.id).filter { wanted.contains($0.system) && ids.contains($0.itemID) }
        return PreparedRun(
            run: run, items: items, skipped: dataset.skipped, isContinuation: request.continueRunID != nil, stored: stored)
    }

    /// A stored run as a worker joins it: the config's dataset and the run's systems, checked
    /// against what the run stored, nothing written. A worker must answer the questions the run
    /// asked with the systems it names, so a changed dataset or a missing system is refused.
    public func join(_ runID: String) async throws -> PreparedRun {
        guard let run = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        let missing = run.systems.filter { !isRunnable($0) }
        guard missing.isEmpty else {
            throw QuorumError(
                .configuration,
                "run \(runID) has system(s) \(missing.joined(separator: ", ")) that this config does not; start workers with the run's config")
        }
        let dataset = try loadDataset(limit: nil, skipBadItems: true)
        let stored = try await store.items(ofRun: runID)
        try Self.checkUnchanged(Self.pairs(of: dataset.items, systems: run.systems, run: runID), stored: stored, run: runID)
        return PreparedRun(run: run, items: dataset.items, skipped: dataset.skipped, isContinuation: true, stored: stored)
    }

    /// A configured system; in a grid, a model too (a grid's rows are models answering alone).
    private func isRunnable(_ name: String) -> Bool {
        config.system(named: name) != nil || (config.experiment?.grid != nil && config.model(named: name) != nil)
    }

    /// The config's dataset (a grid's cells), relative to the config's folder, at most `limit` items
    /// (a grid: at most `limit` scenarios per prompt).
    private func loadDataset(limit: Int?, skipBadItems: Bool) throws -> LoadedDataset {
        if config.experiment?.grid != nil {
            let cells = try GridCells(config: config)
            return LoadedDataset(source: cells.source, items: cells.items(limit: limit))
        }
        guard var datasetConfig = config.dataset else {
            throw QuorumError(.configuration, "the config has no dataset: section")
        }
        if let limit { datasetConfig.limit = min(limit, datasetConfig.limit ?? limit) }
        let folder = config.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        return try DatasetLoader(baseDirectory: folder, skipBadItems: skipBadItems).load(datasetConfig)
    }

    /// Every (system, item) pair of `items` for `run`, pending, in dataset order system by system.
    static func pairs(of items: [DatasetItem], systems: [String], run: String) -> [ItemRecord] {
        items.enumerated().flatMap { position, item in
            systems.map { system in
                ItemRecord(
                    runID: run, system: system, itemID: item.id, position: position, prompt: item.question.prompt,
                    reference: item.reference(forTurn: item.turnCount - 1))
            }
        }
    }

    /// Continuing a run whose dataset has changed under it would keep answers to questions no longer
    /// asked: refuse, naming the first changed items, so the user starts a new run instead.
    static func checkUnchanged(_ pairs: [ItemRecord], stored: [ItemRecord], run: String) throws {
        let changed = changedItems(pairs, stored: stored)
        guard !changed.isEmpty else { return }
        let shown = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? ", …" : "")
        throw QuorumError(
            .dataset,
            "\(changed.count) item(s) of the dataset changed since run \(run) answered them (\(shown): a different prompt or "
                + "answer under the same id); start a new run (leave out --continue) so no answer to an old question is kept",
            context: ["run": run])
    }

    /// Ids of stored items whose prompt or reference differs from the dataset's item of the same id.
    public static func changedItems(_ pairs: [ItemRecord], stored: [ItemRecord]) -> [String] {
        let current = Dictionary(pairs.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        var changed: [String] = []
        var seen: Set<String> = []
        for record in stored.sorted(by: { $0.position < $1.position }) where seen.insert(record.itemID).inserted {
            guard let now = current[record.itemID] else { continue }
            if now.prompt != record.prompt || now.reference != record.reference { changed.append(record.itemID) }
        }
        return changed
    }
}
