import Foundation
import Yams

/// Reads a YAML document into an ordered ``JSONValue`` (anchors and aliases are expanded by Yams).
enum YAMLDocumentReader {
    /// Parses YAML text; an empty document is `null`.
    static func parse(_ text: String) throws -> JSONValue {
        guard let root = try Yams.compose(yaml: text) else { return .null }
        return convert(root)
    }

    private static func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return convert(scalar, tag: node.tag.description)
        case .mapping(let mapping):
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                members.append((key.string ?? key.scalar?.string ?? "", convert(value)))
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(convert))
        case .alias:
            return .null
        }
    }

    private static func convert(_ scalar: Node.Scalar, tag: String) -> JSONValue {
        switch tag {
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            return .bool(Bool.construct(from: scalar) ?? false)
        case Tag.Name.int.rawValue:
            if let number = Int.construct(from: scalar) { return .number(Double(number)) }
            return .string(scalar.string)
        case Tag.Name.float.rawValue:
            if let number = Double.construct(from: scalar) { return .number(number) }
            return .string(scalar.string)
        default:
            return .string(scalar.string)
        }
    }
}
