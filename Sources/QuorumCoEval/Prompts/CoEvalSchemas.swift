import QuorumCore

/// JSON schemas sent with `response_format: json_object`, so constrained decoders produce the
/// fields each phase reads.
enum CoEvalSchemas {
    static let attributes: JSONValue = [
        "type": "object",
        "properties": [
            "target_attributes": stringLists,
            "nuanced_attributes": stringLists,
        ],
        "required": ["target_attributes", "nuanced_attributes"],
    ]

    static let rubric: JSONValue = [
        "type": "object",
        "additionalProperties": ["type": "string"],
    ]

    static let item: JSONValue = [
        "type": "object",
        "properties": ["prompt": ["type": "string"], "reference_response": ["type": "string"]],
        "required": ["prompt", "reference_response"],
    ]

    /// One property per criterion, each `High`, `Medium` or `Low`.
    static func grades(_ criteria: [String]) -> JSONValue {
        let grade: JSONValue = ["type": "string", "enum": .array(CoEvalGrade.allCases.map { .string($0.rawValue) })]
        return [
            "type": "object",
            "properties": .object(Dictionary(criteria.map { ($0, grade) }, uniquingKeysWith: { first, _ in first })),
            "required": .array(criteria.map(JSONValue.string)),
        ]
    }

    private static let stringLists: JSONValue = [
        "type": "object",
        "additionalProperties": ["type": "array", "items": ["type": "string"]],
    ]
}
