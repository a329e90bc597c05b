import Foundation
import Yams

/// Scalars: YAML's plain text turned into the Swift type asked for, with a located error otherwise.
struct NodeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    private var node: Node { decoder.node }

    init(decoder: NodeDecoder) { self.decoder = decoder }

    func decodeNil() -> Bool { node.null != nil }

    private func scalar(_ type: Any.Type, _ what: String) throws -> Node.Scalar {
        guard let scalar = node.scalar else {
            throw decoder.mismatch(type, "expected \(what), found a \(node.mapping != nil ? "mapping" : "list")")
        }
        return scalar
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        let text = try scalar(type, "true or false").string
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw decoder.mismatch(type, "expected true or false, found '\(text)'")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        let scalar = try scalar(type, "text")
        if node.null != nil, scalar.style == .plain {
            throw decoder.mismatch(type, "expected text, found nothing")
        }
        return scalar.string
    }

    func decode(_ type: Double.Type) throws -> Double {
        let text = try scalar(type, "a number").string
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")) else {
            throw decoder.mismatch(type, "expected a number, found '\(text)'")
        }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let text = try scalar(type, "a whole number").string
        guard let value = T(text.replacingOccurrences(of: "_", with: "")) else {
            throw decoder.mismatch(type, "expected a whole number, found '\(text)'")
        }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: decoder)
    }
}
