/// A binary operator, named after what it does.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "OR", and = "AND"
    /// `=` and `==` (printed as `=`).
    case equal = "="
    /// `!=` and `<>` (printed as `!=`).
    case notEqual = "!="
    case `is` = "IS", isNot = "IS NOT"
    case isDistinctFrom = "IS DISTINCT FROM", isNotDistinctFrom = "IS NOT DISTINCT FROM"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case bitAnd = "&", bitOr = "|", shiftLeft = "<<", shiftRight = ">>"
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case concat = "||", extract = "->", extractValue = "->>"

    /// SQLite's binding strength (higher binds tighter).
    var precedence: Precedence {
        switch self {
        case .or: .or
        case .and: .and
        case .equal, .notEqual, .is, .isNot, .isDistinctFrom, .isNotDistinctFrom: .equality
        case .less, .lessEqual, .greater, .greaterEqual: .comparison
        case .bitAnd, .bitOr, .shiftLeft, .shiftRight: .bitwise
        case .add, .subtract: .additive
        case .multiply, .divide, .modulo: .multiplicative
        case .concat, .extract, .extractValue: .concat
        }
    }
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    case negate = "-", plus = "+", bitNot = "~", not = "NOT"
}

/// The pattern-matching operators.
public enum PatternOperator: String, Sendable, Hashable, CaseIterable {
    case like = "LIKE", glob = "GLOB", regexp = "REGEXP", match = "MATCH"
}

/// Operator precedence levels, lowest first, following SQLite's grammar.
enum Precedence: Int, Comparable {
    case or = 1, and, not, equality, comparison, bitwise, additive, multiplicative, concat, collate, unary, primary

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

    var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .primary }
}
