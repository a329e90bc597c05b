import Foundation
import QuorumCore

/// The gateway's strict `JSONReader` against `JSONDecoder`: whatever the reader reads, the decoder
/// must read the same way (the reader's promise). And the syntax scanner that explains refused
/// dataset lines must never find an error in a text `JSONSerialization` accepts.
enum StrictJSONFuzz {
    static func run(_ data: Data) {
        let fast = data.withUnsafeBytes { bytes in try? JSONReader.read(bytes) { try $0.readValue() } }
        if let fast {
            guard let slow = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                fatalError("JSONReader read a document JSONDecoder refuses: \(String(decoding: data, as: UTF8.self))")
            }
            guard slow == fast else { fatalError("JSONReader and JSONDecoder disagree: \(fast) vs \(slow)") }
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let error = JSONSyntaxError.find(in: text) else { return }
        if error.line < 1 || error.column < 1 { fatalError("impossible place: \(error)") }
        // A NUL byte makes Foundation guess UTF-16 or UTF-32 (`00 32 00 39` is 29): not a syntax question.
        if !text.utf8.contains(0), (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil {
            fatalError("the scanner refuses what JSONSerialization reads (\(error)): \(text)")
        }
    }
}
