import Foundation
import QuorumCore

@testable import QuorumEvaluation

/// The JSONL, CSV and JSON dataset readers and the field mapping on the same bytes.
enum DatasetFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let mapper = ItemMapper(mapping: FieldMapping(), file: "fuzz")
        for format in DatasetFileFormat.allCases {
            let (records, problems) = format.records(in: text, file: "fuzz")
            for record in records { _ = mapper.item(from: record) }
            for problem in problems where problem.line < 1 || (problem.column ?? 1) < 1 {
                fatalError("\(format) reported an impossible place: \(problem)")
            }
        }
    }
}
