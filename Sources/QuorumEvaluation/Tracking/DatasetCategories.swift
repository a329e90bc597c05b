import Foundation
import QuorumCore

/// Item categories by item id, which the store does not keep but per-item MLflow runs report.
public enum DatasetCategories {
    /// The categories of `items`.
    public static func of(_ items: [DatasetItem]) -> [String: String] {
        var categories: [String: String] = [:]
        for item in items { if let category = item.question.category { categories[item.id] = category } }
        return categories
    }

    /// The categories of the dataset a stored config snapshot names, read again from disk (relative
    /// paths against `baseDirectory`); empty when the dataset can no longer be read.
    public static func of(snapshot: String, baseDirectory: String?) -> [String: String] {
        guard let config = try? JSONDecoder().decode(QuorumConfig.self, from: Data(snapshot.utf8)),
            let dataset = config.dataset,
            let loaded = try? DatasetLoader(baseDirectory: baseDirectory, skipBadItems: true).load(dataset)
        else { return [:] }
        return of(loaded.items)
    }
}
