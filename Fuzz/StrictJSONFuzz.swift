import Foundation
import QuorumCore

/// The gateway's strict `JSONReader` against `JSONDecoder`: whatever the reader reads, the decoder
/// must read the same way (the reader's promise); and the syntax scanner never traps.
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
        if let error = JSONSyntaxError.find(in: text), error.line < 1 || error.column < 1 {
            fatalError("impossible place: \(error)")
        }
    }
}
