import Foundation
import Yams

/// Reads a YAML document into an ordered ``JSONValue`` (anchors and aliases are expanded by Yams).
///
/// A registry document is data from outside: a few lines of aliases can stand for billions of nodes, and the
/// expansion is refused as it passes ``maximumNodes(forBytes:)``, naming the file and the limit; so is nesting
/// deeper than ``maximumDepth``.
enum YAMLDocumentReader {
    /// How deeply mappings and sequences may nest (libyaml's own parser stops at 1,000).
    static let maximumDepth = 256

    /// How many nodes a document of `bytes` bytes may expand to: a document without aliases has fewer nodes than
    /// bytes, so aliases may at most double it (and a small document may reach 100,000).
    static func maximumNodes(forBytes bytes: Int) -> Int {
        max(100_000, 2 * bytes)
    }

    /// Parses YAML text; an empty document is `null`.
    ///
    /// - Parameter path: the file, for messages.
    /// - Throws: ``RegistryError/malformedDocument(path:reason:)`` past the limits; Yams' error for invalid YAML.
    static func parse(_ text: String, path: String = "the YAML document") throws -> JSONValue {
        guard let root = try Yams.compose(yaml: text) else { return .null }
        var budget = Budget(path: path, remaining: maximumNodes(forBytes: text.utf8.count))
        return try convert(root, depth: 0, budget: &budget)
    }

    /// The nodes a document may still expand to.
    private struct Budget {
        let path: String
        let limit: Int
        var remaining: Int

        init(path: String, remaining: Int) {
            self.path = path
            self.limit = remaining
            self.remaining = remaining
        }

        mutating func spend(depth: Int) throws {
            remaining -= 1
            guard remaining >= 0 else {
                throw RegistryError.malformedDocument(path: path, reason: "expands (through its YAML aliases) to more than \(limit) nodes, the most a document of its size may; it is refused as an alias bomb")
            }
            guard depth <= YAMLDocumentReader.maximumDepth else {
                throw RegistryError.malformedDocument(path: path, reason: "nests deeper than \(YAMLDocumentReader.maximumDepth) levels")
            }
        }
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Budget) throws -> JSONValue {
        try budget.spend(depth: depth)
        switch node {
        case .scalar(let scalar):
            return convert(scalar, tag: node.tag.description)
        case .mapping(let mapping):
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                members.append((key.string ?? key.scalar?.string ?? "", try convert(value, depth: depth + 1, budget: &budget)))
            }
            return .object(members)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try convert(element, depth: depth + 1, budget: &budget)) }
            return .array(elements)
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
