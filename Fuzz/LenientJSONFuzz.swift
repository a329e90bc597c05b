import Foundation
import QuorumCore

@testable import QuorumEvaluation
@testable import QuorumOrchestration

/// The lenient readers of model replies: CoEval's `LenientJSON` and the judges' `JSONExtraction`.
enum LenientJSONFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = LenientJSON.parse(text)
        _ = JSONExtraction.object(in: text)
        _ = JSONReader.parse(text)
    }
}
