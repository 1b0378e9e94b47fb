/// A window specification: `(base PARTITION BY … ORDER BY … frame)`.
public struct WindowSpec: Sendable, Hashable {
    /// The name of the window this one extends.
    public var base: Identifier?
    /// `PARTITION BY` expressions.
    public var partitionBy: [SQLExpression]
    /// `ORDER BY` terms.
    public var orderBy: [OrderingTerm]
    /// The frame, if specified.
    public var frame: FrameSpec?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        base: Identifier? = nil,
        partitionBy: [SQLExpression] = [],
        orderBy: [OrderingTerm] = [],
        frame: FrameSpec? = nil,
        range: SourceRange
    ) {
        self.base = base
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.range = range
    }
}

/// `ROWS|RANGE|GROUPS [BETWEEN] start [AND end] [EXCLUDE …]`.
public struct FrameSpec: Sendable, Hashable {
    /// The unit the frame is counted in.
    public enum Unit: String, Sendable, Hashable { case rows = "ROWS", range = "RANGE", groups = "GROUPS" }
    /// Which rows `EXCLUDE` removes.
    public enum Exclusion: String, Sendable, Hashable {
        case noOthers = "NO OTHERS", currentRow = "CURRENT ROW", group = "GROUP", ties = "TIES"
    }

    /// The unit the frame counts in.
    public var unit: Unit
    /// The start bound (the only bound without `BETWEEN`).
    public var start: FrameBound
    /// The end bound, present with `BETWEEN`.
    public var end: FrameBound?
    /// The `EXCLUDE` option.
    public var exclude: Exclusion?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        unit: Unit,
        start: FrameBound,
        end: FrameBound? = nil,
        exclude: Exclusion? = nil,
        range: SourceRange
    ) {
        self.unit = unit
        self.start = start
        self.end = end
        self.exclude = exclude
        self.range = range
    }
}

/// One end of a window frame.
public enum FrameBound: Sendable, Hashable {
    case unboundedPreceding
    case preceding(SQLExpression)
    case currentRow
    case following(SQLExpression)
    case unboundedFollowing
}

/// `WINDOW name AS (spec)` in a SELECT.
public struct NamedWindow: Sendable, Hashable {
    /// The name.
    public var name: Identifier
    /// The window specification.
    public var spec: WindowSpec
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: Identifier, spec: WindowSpec, range: SourceRange) {
        self.name = name
        self.spec = spec
        self.range = range
    }
}
