import Foundation
import QuorumCore

/// A dataset read and selected: the items to run, and the records skipped as malformed.
public struct LoadedDataset: Sendable {
    /// The path or `builtin:NAME` it came from.
    public var source: String
    public var items: [DatasetItem]
    /// Malformed records left out because `skipBadItems` was set.
    public var skipped: [DatasetProblem]

    public init(source: String, items: [DatasetItem], skipped: [DatasetProblem] = []) {
        self.source = source
        self.items = items
        self.skipped = skipped
    }
}

/// Reads a dataset (a file or a built-in), maps its fields, and applies `filter`, `sample`, `limit`.
public struct DatasetLoader: Sendable {
    /// Where relative paths are resolved (the config file's folder); the current directory if `nil`.
    public var baseDirectory: String?
    /// Leave malformed records out (listing them) instead of refusing to start.
    public var skipBadItems: Bool

    public init(baseDirectory: String? = nil, skipBadItems: Bool = false) {
        self.baseDirectory = baseDirectory
        self.skipBadItems = skipBadItems
    }

    /// Loads `config`. Throws `QuorumError(.dataset)` naming every malformed record as `file:line: reason`
    /// unless `skipBadItems` is set, and when the file cannot be read.
    public func load(_ config: DatasetConfig) throws -> LoadedDataset {
        let source = try DatasetSource(config: config, baseDirectory: baseDirectory)
        let text: String
        do {
            text = try String(contentsOfFile: source.path, encoding: .utf8)
        } catch {
            throw QuorumError(.dataset, "cannot read dataset file \(source.path)", context: ["file": source.path])
        }
        let format = try DatasetFileFormat(named: config.format ?? source.format, path: source.path)
        let displayName = source.builtin.map { "builtin:\($0.name)" } ?? source.path
        var (records, problems) = format.records(in: text, file: displayName)
        let mapper = ItemMapper(mapping: config.fields ?? source.builtin?.mapping ?? FieldMapping(), file: displayName)
        let transform = try source.builtin?.makeTransform(URL(fileURLWithPath: source.path).deletingLastPathComponent())
        var items: [DatasetItem] = []
        var firstLineByID: [String: Int] = [:]
        for record in records {
            switch mapper.item(from: record) {
            case .failure(let problem):
                problems.append(problem)
            case .success(var item):
                if let transform { item = transform(item, record) }
                guard Self.matches(item, record: record, filter: config.filter ?? [:]) else { continue }
                if let first = firstLineByID[item.id] {
                    problems.append(DatasetProblem(
                        file: displayName, line: record.line, reason: "duplicate id '\(item.id)' (first on line \(first))"))
                    continue
                }
                firstLineByID[item.id] = record.line
                items.append(item)
            }
        }
        problems.sort { $0.line < $1.line }
        if !problems.isEmpty, !skipBadItems { throw QuorumError.malformedDataset(problems) }
        items = DatasetSelection(sample: config.sample, limit: config.limit).apply(to: items)
        return LoadedDataset(source: displayName, items: items, skipped: problems)
    }

    /// `filter:` keeps items whose `category`, `tag`, `id` or raw source field equals the value.
    static func matches(_ item: DatasetItem, record: SourceRecord, filter: [String: String]) -> Bool {
        filter.allSatisfy { key, value in
            switch key {
            case "category": item.question.category == value
            case "tag", "tags": item.question.tags.contains(value)
            case "id": item.id == value
            default: record.text(key) == value
            }
        }
    }
}

/// Where a dataset's file is: a path resolved against the config's folder, or a built-in's resource.
struct DatasetSource {
    var path: String
    var format: String?
    var builtin: BuiltinDataset?

    init(config: DatasetConfig, baseDirectory: String?) throws {
        if config.path.hasPrefix("builtin:") {
            let name = String(config.path.dropFirst("builtin:".count))
            guard let builtin = BuiltinDataset.named(name) else {
                let known = BuiltinDataset.all.map { "builtin:\($0.name)" }.joined(separator: ", ")
                throw QuorumError(.configuration, "unknown built-in dataset '\(config.path)'; known: \(known)")
            }
            self.path = try builtin.fileURL().path
            self.format = builtin.format
            self.builtin = builtin
        } else {
            let isAbsolute = config.path.hasPrefix("/")
            let base = baseDirectory ?? FileManager.default.currentDirectoryPath
            self.path = isAbsolute
                ? config.path : URL(fileURLWithPath: base).appendingPathComponent(config.path).standardizedFileURL.path
            self.format = nil
            self.builtin = nil
        }
    }
}
