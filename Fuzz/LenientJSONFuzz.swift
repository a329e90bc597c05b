import Foundation

// `@testable` for Core's `package` readers: this harness is compiled outside the package.
@testable import QuorumCore

/// The readers of model replies: CoEval's `LenientJSON`, the judges' `JSONExtraction`, and the
/// strict `JSONReader.parse` the latter ends in.
enum LenientJSONFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = LenientJSON.parse(text)
        _ = JSONExtraction.object(in: text)
        _ = JSONReader.parse(text)
    }
}
