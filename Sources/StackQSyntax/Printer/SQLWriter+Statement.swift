/// The StackQL statements besides SELECT.
extension SQLWriter {
    mutating func statement(_ statement: Statement) {
        switch statement {
        case .select(let s):
            select(s)
        case .insert(let s):
            output += "INSERT"
            hints(s.hints)
            output += " INTO "
            qualifiedName(s.table)
            if !s.columns.isEmpty {
                output += " ("
                list(s.columns) { $0.identifier($1) }
                output += ")"
            }
            output += " "
            select(s.source)
            returning(s.returning)
        case .update(let s):
            update(s, verb: "UPDATE")
        case .replace(let s):
            update(s, verb: "REPLACE")
        case .delete(let s):
            output += "DELETE"
            hints(s.hints)
            output += " FROM "
            qualifiedName(s.table)
            if let alias = s.alias {
                output += " AS "
                identifier(alias)
            }
            whereClause(s.whereClause)
            returning(s.returning)
        case .exec(let s):
            exec(s)
        case .show(let s):
            output += "SHOW"
            hints(s.hints)
            output += " "
            if s.extended { output += "EXTENDED " }
            output += s.kind.rawValue
            if s.kind == .insert, let scope = s.scope {
                output += " INTO "
                qualifiedName(scope)
            } else if let scope = s.scope {
                output += " IN "
                qualifiedName(scope)
            }
            switch s.filter {
            case .like(let pattern)?: output += " LIKE " + SQLPrinter.quoteString(pattern)
            case .whereClause(let condition)?: whereClause(condition)
            case nil: break
            }
        case .describe(let s):
            output += s.extended ? "DESCRIBE EXTENDED " : "DESCRIBE "
            qualifiedName(s.resource)
        case .describeMethod(let s):
            output += "DESCRIBE METHOD "
            qualifiedName(s.resource)
            output += "."
            identifier(s.method)
        case .explain(let inner, _):
            output += "EXPLAIN "
            self.statement(inner)
        case .createTable(let s):
            output += "CREATE TABLE "
            if s.ifNotExists { output += "IF NOT EXISTS " }
            qualifiedName(s.name)
            if let source = s.source {
                output += " AS "
                select(source)
            } else {
                output += " ("
                list(s.columns) { writer, column in
                    writer.identifier(column.name)
                    if let type = column.type { writer.output += " " + type }
                }
                output += ")"
            }
        case .createView(let s):
            output += "CREATE "
            if s.orReplace { output += "OR REPLACE " }
            if s.materialized { output += "MATERIALIZED " }
            output += "VIEW "
            qualifiedName(s.name)
            output += " AS "
            select(s.source)
        case .drop(let s):
            output += "DROP " + s.kind.rawValue + " "
            if s.ifExists { output += "IF EXISTS " }
            qualifiedName(s.name)
        case .refresh(let s):
            output += "REFRESH MATERIALIZED VIEW "
            qualifiedName(s.name)
        case .registry(let s):
            switch s.action {
            case .list(let provider):
                output += "REGISTRY LIST"
                if let provider {
                    output += " "
                    identifier(provider)
                }
            case .pull(let provider, let version):
                output += "REGISTRY PULL "
                identifier(provider)
                if let version { output += " " + SQLPrinter.quoteString(version) }
            }
        }
    }

    private mutating func update(_ s: UpdateStatement, verb: String) {
        output += verb
        hints(s.hints)
        output += " "
        qualifiedName(s.table)
        if let alias = s.alias {
            output += " AS "
            identifier(alias)
        }
        output += " SET "
        list(s.assignments) { writer, assignment in
            writer.identifier(assignment.column)
            writer.output += " = "
            writer.expression(assignment.value)
        }
        whereClause(s.whereClause)
        returning(s.returning)
    }

    private mutating func exec(_ s: ExecStatement) {
        output += "EXEC"
        hints(s.hints)
        output += " "
        qualifiedName(s.resource)
        output += "."
        identifier(s.method)
        var arguments = s.arguments.map { "@" + $0.name + " = " + Self.signedLiteralText($0.value) }
        if let body = s.jsonBody { arguments.append("@@json = " + SQLPrinter.quoteString(body)) }
        if !arguments.isEmpty { output += " " + arguments.joined(separator: ", ") }
    }

    private mutating func whereClause(_ condition: SQLExpression?) {
        guard let condition else { return }
        output += " WHERE "
        expression(condition)
    }

    private mutating func returning(_ columns: [ResultColumn]) {
        guard !columns.isEmpty else { return }
        output += " RETURNING "
        resultColumns(columns)
    }
}
