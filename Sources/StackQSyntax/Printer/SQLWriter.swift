/// Accumulates SQL text for ``SQLPrinter``.
struct SQLWriter {
    var output = ""
    /// Replacement table names by the range of the named reference they replace.
    let replacements: [SourceRange: String]
    /// Lowercased dotted names of replaced references without an alias; column qualifiers
    /// spelling them are shortened to their last part.
    let shortenedQualifiers: Set<String>
    /// Replacement text for column references, by the range of the reference.
    let columnReplacements: [SourceRange: String]

    init(replacements: [SourceRange: String]) {
        self.replacements = replacements
        self.shortenedQualifiers = []
        self.columnReplacements = [:]
    }

    init(replacements: [SourceRange: String], shortened: Set<String>, columns: [SourceRange: String] = [:]) {
        self.replacements = replacements
        self.shortenedQualifiers = shortened
        self.columnReplacements = columns
    }

    mutating func write(_ text: String) {
        output += text
    }

    /// Writes a name as it was quoted; a bare reserved word (possible after a `.`, as in
    /// `instances.insert`) is quoted so that SQLite accepts it.
    mutating func identifier(_ id: Identifier) {
        if id.quoted || Keyword.lookup(ArraySlice(id.name.utf8))?.isReserved == true {
            output += SQLPrinter.quoteIdentifier(id.name)
        } else {
            output += id.name
        }
    }

    mutating func qualifiedName(_ name: QualifiedName) {
        for (offset, part) in name.parts.enumerated() {
            if offset > 0 { output += "." }
            identifier(part)
        }
    }

    mutating func list<T>(_ items: [T], _ body: (inout SQLWriter, T) -> Void) {
        for (offset, item) in items.enumerated() {
            if offset > 0 { output += ", " }
            body(&self, item)
        }
    }

    mutating func hints(_ hints: [Hint]) {
        guard !hints.isEmpty else { return }
        output += " /*+ " + hints.map(\.name).joined(separator: " ") + " */"
    }
}
