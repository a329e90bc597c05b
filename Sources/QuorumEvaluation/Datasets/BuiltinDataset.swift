import Foundation
import QuorumCore

/// A dataset shipped inside Quorum with its license, used as `dataset: {path: builtin:NAME}`.
public struct BuiltinDataset: Sendable {
    public var name: String
    public var summary: String
    /// The license it is shipped under; the full text sits beside the file.
    public var license: String
    /// Folder under `Resources/datasets/` and the file inside it.
    var folder: String
    var file: String
    var format: String
    var mapping: FieldMapping
    /// Builds the per-item adjustment (e.g. attach reference answers from a second file).
    var transformMaker: @Sendable (URL) throws -> (@Sendable (DatasetItem, SourceRecord) -> DatasetItem)?

    /// Every built-in, in the order `quorum datasets` lists them.
    public static let all: [BuiltinDataset] = [quickQA, arenaHard, mtBench, humanEval]

    public static func named(_ name: String) -> BuiltinDataset? { all.first { $0.name == name } }

    /// The file on disk inside the module's resource bundle.
    func fileURL() throws -> URL {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw QuorumError(.dataset, "the built-in datasets are missing from this installation")
        }
        return root.appendingPathComponent("datasets/\(folder)/\(file)")
    }

    /// The folder holding the file, its LICENSE and NOTICE.md.
    public func folderURL() throws -> URL { try fileURL().deletingLastPathComponent() }

    func makeTransform(_ folder: URL) throws -> (@Sendable (DatasetItem, SourceRecord) -> DatasetItem)? {
        try transformMaker(folder)
    }

    static func mapping(id: String, prompt: String, category: String? = nil, reference: String? = nil) -> FieldMapping {
        var mapping = FieldMapping()
        mapping.id = id
        mapping.prompt = prompt
        mapping.category = category
        mapping.reference = reference
        return mapping
    }
}
