/// SELECT statements, FROM clauses and windows.
extension SQLWriter {
    mutating func select(_ s: SelectStatement) {
        if let with = s.with {
            output += with.recursive ? "WITH RECURSIVE " : "WITH "
            list(with.tables) { $0.commonTableExpression($1) }
            output += " "
        }
        core(s.first)
        for part in s.compounds {
            output += " " + part.op.rawValue + " "
            core(part.core)
        }
        if !s.orderBy.isEmpty {
            output += " ORDER BY "
            orderingTerms(s.orderBy)
        }
        if let limit = s.limit {
            output += " LIMIT "
            expression(limit.count)
            if let offset = limit.offset {
                output += " OFFSET "
                expression(offset)
            }
        }
    }

    private mutating func commonTableExpression(_ cte: CommonTableExpression) {
        identifier(cte.name)
        if !cte.columns.isEmpty {
            output += "("
            list(cte.columns) { $0.identifier($1) }
            output += ")"
        }
        output += " AS "
        if let materialization = cte.materialization { output += materialization.rawValue + " " }
        output += "("
        select(cte.select)
        output += ")"
    }

    mutating func core(_ core: SelectCore) {
        switch core {
        case .values(let rows, _):
            output += "VALUES "
            list(rows) { writer, row in
                writer.output += "("
                writer.list(row) { $0.expression($1) }
                writer.output += ")"
            }
        case .select(let s):
            output += "SELECT"
            hints(s.hints)
            if let quantifier = s.quantifier { output += " " + quantifier.rawValue }
            output += " "
            resultColumns(s.columns)
            if let from = s.from {
                output += " FROM "
                joinClause(from)
            }
            if let condition = s.whereClause {
                output += " WHERE "
                expression(condition)
            }
            if !s.groupBy.isEmpty {
                output += " GROUP BY "
                list(s.groupBy) { $0.expression($1) }
            }
            if let having = s.having {
                output += " HAVING "
                expression(having)
            }
            if !s.windows.isEmpty {
                output += " WINDOW "
                list(s.windows) { writer, window in
                    writer.identifier(window.name)
                    writer.output += " AS "
                    writer.windowSpec(window.spec)
                }
            }
        }
    }

    mutating func resultColumns(_ columns: [ResultColumn]) {
        list(columns) { writer, column in
            switch column {
            case .star:
                writer.output += "*"
            case .tableStar(let qualifier, _):
                for part in qualifier {
                    writer.identifier(part)
                    writer.output += "."
                }
                writer.output += "*"
            case .expression(let e, let alias, _):
                writer.expression(e)
                if let alias {
                    writer.output += " AS "
                    writer.identifier(alias)
                }
            }
        }
    }

    mutating func orderingTerms(_ terms: [OrderingTerm]) {
        list(terms) { writer, term in
            writer.expression(term.expression)
            if let direction = term.direction { writer.output += " " + direction.rawValue }
            if let nulls = term.nulls { writer.output += " " + nulls.rawValue }
        }
    }

    mutating func joinClause(_ join: JoinClause) {
        tableReference(join.first)
        for part in join.joins {
            if part.op.kind == .comma {
                output += ", "
            } else {
                output += " "
                if part.op.natural { output += "NATURAL " }
                switch part.op.kind {
                case .left: output += part.op.outer ? "LEFT OUTER JOIN" : "LEFT JOIN"
                case .right: output += part.op.outer ? "RIGHT OUTER JOIN" : "RIGHT JOIN"
                case .full: output += part.op.outer ? "FULL OUTER JOIN" : "FULL JOIN"
                default: output += part.op.kind.rawValue
                }
                output += " "
            }
            tableReference(part.table)
            switch part.constraint {
            case .on(let condition)?:
                output += " ON "
                expression(condition)
            case .using(let columns)?:
                output += " USING ("
                list(columns) { $0.identifier($1) }
                output += ")"
            case nil:
                break
            }
        }
    }

    private mutating func indexHint(_ hint: IndexHint?) {
        switch hint {
        case .indexedBy(let index)?:
            output += " INDEXED BY "
            identifier(index)
        case .notIndexed?: output += " NOT INDEXED"
        case nil: break
        }
    }

    private mutating func alias(_ alias: Identifier?) {
        guard let alias else { return }
        output += " AS "
        identifier(alias)
    }

    mutating func tableReference(_ table: TableReference) {
        switch table {
        case .named(let named):
            if let replacement = replacements[named.range] {
                output += SQLPrinter.quoteIdentifier(replacement) + " AS "
                if let alias = named.alias {
                    identifier(alias)
                } else {
                    output += named.name.last.quoted ? SQLPrinter.quoteIdentifier(named.name.last.name)
                        : SQLPrinter.identifierIfNeeded(named.name.last.name)
                }
            } else {
                qualifiedName(named.name)
                alias(named.alias)
            }
            indexHint(named.indexHint)
        case .function(let function):
            qualifiedName(function.name)
            output += "("
            list(function.arguments) { $0.expression($1) }
            output += ")"
            alias(function.alias)
        case .subquery(let select, let name, _):
            output += "("
            self.select(select)
            output += ")"
            alias(name)
        case .parenthesized(let join, _):
            output += "("
            joinClause(join)
            output += ")"
        }
    }

    mutating func windowSpec(_ spec: WindowSpec) {
        var parts: [String] = []
        if let base = spec.base { parts.append(base.quoted ? SQLPrinter.quoteIdentifier(base.name) : base.name) }
        if !spec.partitionBy.isEmpty {
            var writer = nested()
            writer.list(spec.partitionBy) { $0.expression($1) }
            parts.append("PARTITION BY " + writer.output)
        }
        if !spec.orderBy.isEmpty {
            var writer = nested()
            writer.orderingTerms(spec.orderBy)
            parts.append("ORDER BY " + writer.output)
        }
        if let frame = spec.frame {
            var writer = nested()
            writer.frame(frame)
            parts.append(writer.output)
        }
        output += "(" + parts.joined(separator: " ") + ")"
    }

    private func nested() -> SQLWriter {
        SQLWriter(replacements: replacements, shortened: shortenedQualifiers, columns: columnReplacements)
    }

    private mutating func frame(_ frame: FrameSpec) {
        output += frame.unit.rawValue
        if let end = frame.end {
            output += " BETWEEN "
            bound(frame.start)
            output += " AND "
            bound(end)
        } else {
            output += " "
            bound(frame.start)
        }
        if let exclude = frame.exclude { output += " EXCLUDE " + exclude.rawValue }
    }

    private mutating func bound(_ bound: FrameBound) {
        switch bound {
        case .unboundedPreceding: output += "UNBOUNDED PRECEDING"
        case .unboundedFollowing: output += "UNBOUNDED FOLLOWING"
        case .currentRow: output += "CURRENT ROW"
        case .preceding(let e):
            expression(e)
            output += " PRECEDING"
        case .following(let e):
            expression(e)
            output += " FOLLOWING"
        }
    }
}
