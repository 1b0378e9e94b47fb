/// Comparing syntax trees while ignoring where they came from.
///
/// Source ranges differ between a statement and its printed-then-reparsed form, so the
/// synthesized `==` (which compares ranges) is not the right test for a round trip; these
/// compare everything else except ``Identifier/quoted``: SQLite matches quoted and bare names
/// alike, and the printer quotes reserved words that appeared bare after a `.`.
extension Statement {
    /// Whether both trees are equal apart from source ranges.
    public func isStructurallyEqual(to other: Statement) -> Bool {
        SyntaxStructure.describe(self) == SyntaxStructure.describe(other)
    }
}

extension SelectStatement {
    /// Whether both trees are equal apart from source ranges.
    public func isStructurallyEqual(to other: SelectStatement) -> Bool {
        SyntaxStructure.describe(self) == SyntaxStructure.describe(other)
    }
}

extension SQLExpression {
    /// Whether both trees are equal apart from source ranges.
    public func isStructurallyEqual(to other: SQLExpression) -> Bool {
        SyntaxStructure.describe(self) == SyntaxStructure.describe(other)
    }
}

/// A range-free textual form of any syntax tree, for comparisons and debugging.
public enum SyntaxStructure {
    /// Describes `node` and all its descendants, leaving out every ``SourceRange`` and
    /// whether identifiers were quoted.
    public static func describe(_ node: Any) -> String {
        var output = ""
        append(node, to: &output)
        return output
    }

    private static func append(_ value: Any, to output: inout String) {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty {
            output += String(describing: value)
            return
        }
        if mirror.displayStyle == .optional, let some = mirror.children.first {
            append(some.value, to: &output)
            return
        }
        output += "("
        let isIdentifier = value is Identifier
        for child in mirror.children where !(child.value is SourceRange) && !(isIdentifier && child.label == "quoted") {
            if let label = child.label { output += label + ":" }
            append(child.value, to: &output)
            output += " "
        }
        output += ")"
    }
}
