import QuorumCore

/// Validates a JSON value against the common JSON Schema keywords: `type`, `enum`, `const`,
/// `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`,
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
/// `pattern`, `anyOf`, `oneOf`, `allOf`. Unknown keywords are ignored, as the spec allows.
public struct JSONSchemaValidator: Sendable, Hashable {
    public var schema: JSONValue

    public init(schema: JSONValue) { self.schema = schema }

    /// Every violation, each with its JSON path (`$.items[2].name: expected string`); empty when valid.
    public func problems(in value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: schema, at: "$", into: &problems)
        return problems
    }

    func check(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [String]) {
        guard let rules = schema.objectValue else { return }
        if let type = rules["type"], !matches(value, type: type) {
            problems.append("\(path): expected \(describe(type)), found \(typeName(of: value))")
            return
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): not one of the allowed values")
        }
        if let constant = rules["const"], constant != value { problems.append("\(path): must equal the constant") }
        checkNumber(value, rules, path, &problems)
        checkString(value, rules, path, &problems)
        checkObject(value, rules, path, &problems)
        checkArray(value, rules, path, &problems)
        checkCombinators(value, rules, path, &problems)
    }

    func checkNumber(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ problems: inout [String]) {
        guard let number = value.numberValue else { return }
        if let minimum = rules["minimum"]?.numberValue, number < minimum { problems.append("\(path): below \(minimum)") }
        if let maximum = rules["maximum"]?.numberValue, number > maximum { problems.append("\(path): above \(maximum)") }
        if let bound = rules["exclusiveMinimum"]?.numberValue, number <= bound {
            problems.append("\(path): not above \(bound)")
        }
        if let bound = rules["exclusiveMaximum"]?.numberValue, number >= bound {
            problems.append("\(path): not below \(bound)")
        }
    }

    func checkString(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ problems: inout [String]) {
        guard let text = value.stringValue else { return }
        if let minimum = rules["minLength"]?.numberValue, Double(text.count) < minimum {
            problems.append("\(path): shorter than \(Int(minimum))")
        }
        if let maximum = rules["maxLength"]?.numberValue, Double(text.count) > maximum {
            problems.append("\(path): longer than \(Int(maximum))")
        }
        if let pattern = rules["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): does not match /\(pattern)/")
        }
    }

    func checkObject(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ problems: inout [String]) {
        guard let object = value.objectValue else { return }
        for case .string(let key) in rules["required"]?.arrayValue ?? [] where object[key] == nil {
            problems.append("\(path): missing \"\(key)\"")
        }
        let properties = rules["properties"]?.objectValue ?? [:]
        for (key, member) in object.sorted(by: { $0.key < $1.key }) {
            if let propertySchema = properties[key] {
                check(member, against: propertySchema, at: "\(path).\(key)", into: &problems)
            } else if let additional = rules["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(path): unexpected \"\(key)\"")
                } else {
                    check(member, against: additional, at: "\(path).\(key)", into: &problems)
                }
            }
        }
    }

    func checkArray(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ problems: inout [String]) {
        guard let array = value.arrayValue else { return }
        if let minimum = rules["minItems"]?.numberValue, Double(array.count) < minimum {
            problems.append("\(path): fewer than \(Int(minimum)) items")
        }
        if let maximum = rules["maxItems"]?.numberValue, Double(array.count) > maximum {
            problems.append("\(path): more than \(Int(maximum)) items")
        }
        if let items = rules["items"] {
            for (index, element) in array.enumerated() {
                check(element, against: items, at: "\(path)[\(index)]", into: &problems)
            }
        }
    }

    func checkCombinators(_ value: JSONValue, _ rules: [String: JSONValue], _ path: String, _ problems: inout [String]) {
        func passes(_ schema: JSONValue) -> Bool { JSONSchemaValidator(schema: schema).problems(in: value).isEmpty }
        for schema in rules["allOf"]?.arrayValue ?? [] { check(value, against: schema, at: path, into: &problems) }
        if let options = rules["anyOf"]?.arrayValue, !options.contains(where: passes) {
            problems.append("\(path): matches none of anyOf")
        }
        if let options = rules["oneOf"]?.arrayValue, options.filter(passes).count != 1 {
            problems.append("\(path): must match exactly one of oneOf")
        }
    }

    func matches(_ value: JSONValue, type: JSONValue) -> Bool {
        if let types = type.arrayValue { return types.contains { matches(value, type: $0) } }
        switch (type.stringValue, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("number", .number):
            return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    func describe(_ type: JSONValue) -> String {
        type.arrayValue?.compactMap(\.stringValue).joined(separator: " or ") ?? type.stringValue ?? "?"
    }

    func typeName(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
