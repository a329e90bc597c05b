import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// The category of each item of a run, for the run page's filter. The store keeps no categories,
/// so they are found again: a grid cell's prompt version (`PROMPT/SCENARIO`), else the dataset's
/// own `category` (the dataset read once per run, relative to `--config`'s folder), else the part
/// of the id before a `/` (`HumanEval/12`).
actor ItemCategories {
    let baseDirectory: String?
    private var known: [String: [String: String]] = [:]

    init(baseDirectory: String?) {
        self.baseDirectory = baseDirectory
    }

    func of(_ run: RunRecord, itemIDs: [String]) -> [String: String] {
        if let cached = known[run.id] { return cached }
        let config = run.snapshotConfig
        var categories: [String: String] = [:]
        if config?.experiment?.grid == nil, let dataset = config?.dataset,
            let loaded = try? DatasetLoader(baseDirectory: baseDirectory, skipBadItems: true).load(dataset)
        {
            for item in loaded.items { categories[item.id] = item.question.category }
        }
        for id in itemIDs where categories[id] == nil {
            categories[id] = GridCellKey(itemID: id)?.prompt
        }
        known[run.id] = categories
        return categories
    }
}
