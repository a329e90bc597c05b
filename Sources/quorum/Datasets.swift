import ArgumentParser
import QuorumCore
import QuorumEvaluation

struct Datasets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in datasets with their item counts and licenses.")

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() async throws {
        let listings = BuiltinDataset.all.map(BuiltinDatasetListing.init)
        if json {
            try printJSON(listings)
            return
        }
        let table = TextTable(
            header: ["dataset", "items", "license", "about"],
            rows: listings.map { [$0.name, $0.items.map(String.init) ?? "missing", $0.license, $0.summary] })
        print(table.rendered())
    }
}

/// One built-in as `quorum datasets` lists it.
struct BuiltinDatasetListing: Encodable {
    var name: String
    var items: Int?
    var withReference: Int?
    var license: String
    var summary: String

    init(_ dataset: BuiltinDataset) {
        name = "builtin:\(dataset.name)"
        license = dataset.license
        summary = dataset.summary
        let loaded = try? DatasetLoader().load(DatasetConfig(path: name))
        items = loaded?.items.count
        withReference = loaded?.items.count { $0.question.reference != nil }
    }
}
