import Foundation
import Yams

/// Decodes `Decodable` values from a Yams `Node` while recording, for the validator, every key a
/// type asked for and where a failure happened. Yams' own decoder loses line numbers and cannot
/// tell which keys were ignored; this one keeps both.
struct NodeDecoder: Decoder {
    let node: Node
    let path: String
    let session: NodeDecodingSession
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, path: String, session: NodeDecodingSession, codingPath: [any CodingKey] = []) {
        self.node = node
        self.path = path
        self.session = session
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard node.mapping != nil else {
            throw mismatch([String: String].self, "expected a mapping (key: value lines)")
        }
        return KeyedDecodingContainer(NodeKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let sequence = node.sequence else {
            throw mismatch([String].self, "expected a list")
        }
        return NodeUnkeyedContainer(decoder: self, elements: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        NodeSingleValueContainer(decoder: self)
    }

    func mismatch(_ type: Any.Type, _ message: String) -> ConfigDecodingFailure {
        ConfigDecodingFailure(path: path, line: node.mark?.line, message: message)
    }

    func child(_ node: Node, path: String, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, path: path, session: session, codingPath: codingPath + [key])
    }
}

struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let mapping: Node.Mapping
    let index: Int

    init(decoder: NodeDecoder) {
        self.decoder = decoder
        self.mapping = decoder.node.mapping ?? [:]
        self.index = decoder.session.register(path: decoder.path, node: decoder.node)
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.session.tookAllKeys(in: index)
        return mapping.keys.compactMap { $0.string.flatMap(Key.init(stringValue:)) }
    }

    func contains(_ key: Key) -> Bool {
        decoder.session.asked(key.stringValue, in: index)
        return node(for: key.stringValue) != nil
    }

    /// The value under `key`, matched by text: a quoted key (`"1":`) is a string node and a plain one
    /// (`1:`) an integer node, and Yams' own lookup tells them apart where a config reader must not.
    private func node(for key: String) -> Node? {
        mapping[key] ?? mapping.first { $0.key.string == key }?.value
    }

    private func value(for key: Key) throws -> NodeDecoder {
        decoder.session.asked(key.stringValue, in: index)
        guard let node = node(for: key.stringValue) else {
            throw ConfigDecodingFailure(
                path: decoder.path, line: decoder.node.mark?.line,
                message: "missing required key '\(key.stringValue)'")
        }
        return decoder.child(node, path: ConfigPath.child(decoder.path, key: key.stringValue), key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.session.asked(key.stringValue, in: index)
        guard let node = node(for: key.stringValue) else { return true }
        return node.null != nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: value(for: key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try value(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try value(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try value(for: key) }
}

struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [Node]
    var currentIndex = 0

    init(decoder: NodeDecoder, elements: [Node]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw ConfigDecodingFailure(path: decoder.path, line: decoder.node.mark?.line, message: "list ended early")
        }
        let node = elements[currentIndex]
        let child = decoder.child(
            node, path: ConfigPath.element(decoder.path, index: currentIndex), key: IndexKey(currentIndex))
        currentIndex += 1
        return child
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].null != nil else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue ?? 0)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { intValue = Int(stringValue) }
    init?(intValue: Int) { self.intValue = intValue }
}
