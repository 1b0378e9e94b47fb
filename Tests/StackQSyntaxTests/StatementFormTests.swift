import Testing
import StackQSyntax

@Suite("Each statement form parses to the expected tree")
struct StatementFormTests {
    private func statement(_ source: String) throws -> Statement {
        try Parser.parseStatement(source)
    }

    @Test func documentedSelect() throws {
        guard case .select(let select) = try statement(Corpus.documentedExamples[0]),
              case .select(let core) = select.first else {
            Issue.record("not a simple select")
            return
        }
        #expect(core.columns.count == 2)
        guard case .expression(.function(let call), let alias, _) = core.columns[1] else {
            Issue.record("second column is not a call")
            return
        }
        #expect(call.name.name == "json_extract")
        #expect(alias?.name == "ep")
        guard case .named(let table)? = core.from?.first else {
            Issue.record("FROM is not a named table")
            return
        }
        #expect(table.name.parts.map(\.name) == ["google", "dataproc", "sessions"])
        #expect(table.alias == nil)
        let conjuncts = core.whereClause?.conjuncts ?? []
        #expect(conjuncts.count == 2)
        guard case .binary(.equal, .column(let column), .literal(.string(let value), _), _) = conjuncts[1] else {
            Issue.record("second conjunct is not column = 'literal'")
            return
        }
        #expect(column.column.name == "locationsId")
        #expect(value == "us-central1")
    }

    @Test func documentedExec() throws {
        guard case .exec(let exec) = try statement(Corpus.documentedExamples[1]) else {
            Issue.record("not EXEC")
            return
        }
        #expect(exec.hints == [.await])
        #expect(exec.resource.dotted == "google.dataproc.sessions")
        #expect(exec.method.name == "projects_locations_sessions_terminate")
        #expect(exec.arguments.map(\.name) == ["projectsId", "locationsId", "sessionsId"])
        #expect(exec.arguments.map(\.value) == [.string("p"), .string("l"), .string("s")])
        #expect(exec.jsonBody == nil)
    }

    @Test func documentedInsert() throws {
        guard case .insert(let insert) = try statement(Corpus.documentedExamples[2]),
              case .select(let core) = insert.source.first else {
            Issue.record("not INSERT … SELECT")
            return
        }
        #expect(insert.table.dotted == "google.dataproc.sessions")
        #expect(insert.columns.map(\.name) == ["projectsId", "locationsId", "data__name", "data__jupyterSession"])
        guard case .expression(.literal(.string(let body), _), nil, _) = core.columns[3] else {
            Issue.record("fourth value is not a string")
            return
        }
        #expect(body == #"{"kernel":"PYTHON"}"#)
    }

    @Test func insertValuesWithReturning() throws {
        guard case .insert(let insert) = try statement("INSERT /*+ AWAIT */ INTO a.b.c (x, y) VALUES (1, 'a'), (2, 'b') RETURNING x"),
              case .values(let rows, _) = insert.source.first else {
            Issue.record("not INSERT … VALUES")
            return
        }
        #expect(insert.hints == [.await])
        #expect(rows.count == 2)
        #expect(insert.returning.count == 1)
    }

    @Test func update() throws {
        guard case .update(let update) = try statement("UPDATE google.compute.instances SET a = 1, b = 'x' WHERE project = 'p' RETURNING a") else {
            Issue.record("not UPDATE")
            return
        }
        #expect(update.assignments.map(\.column.name) == ["a", "b"])
        #expect(update.whereClause != nil)
        #expect(update.returning.count == 1)
    }

    @Test func replace() throws {
        guard case .replace(let replace) = try statement("REPLACE /*+ AWAIT */ google.compute.firewalls SET data__x = 'y' WHERE project = 'p'") else {
            Issue.record("not REPLACE")
            return
        }
        #expect(replace.hints == [.await])
        #expect(replace.table.dotted == "google.compute.firewalls")
    }

    @Test func delete() throws {
        guard case .delete(let delete) = try statement("DELETE /*+ AWAIT */ FROM google.compute.instances WHERE instance = 'i' RETURNING name") else {
            Issue.record("not DELETE")
            return
        }
        #expect(delete.hints == [.await])
        #expect(delete.table.dotted == "google.compute.instances")
        #expect(delete.returning.count == 1)
    }

    @Test func execWithJSONBodyAndSignedLiterals() throws {
        let source = "EXEC /*+ SHOWRESULTS */ google.compute.instances.insert @project='p', @n = -3, @r = 2.5, @b = TRUE, @z = NULL @@json = '{\"name\":\"vm\"}'"
        guard case .exec(let exec) = try statement(source) else {
            Issue.record("not EXEC")
            return
        }
        #expect(exec.hints == [.showResults])
        #expect(exec.arguments.map(\.value) == [.string("p"), .integer(-3), .real(2.5), .bool(true), .null])
        #expect(exec.jsonBody == #"{"name":"vm"}"#)
    }

    @Test(arguments: [
        ("SHOW PROVIDERS", ShowStatement.Kind.providers, false, nil as String?),
        ("show extended services in google", .services, true, "google"),
        ("SHOW RESOURCES FROM google.compute LIKE '%inst%'", .resources, false, "google.compute"),
        ("SHOW METHODS IN google.compute.instances WHERE name = 'x'", .methods, false, "google.compute.instances"),
    ])
    func show(_ source: String, kind: ShowStatement.Kind, extended: Bool, scope: String?) throws {
        guard case .show(let show) = try statement(source) else {
            Issue.record("not SHOW")
            return
        }
        #expect(show.kind == kind)
        #expect(show.extended == extended)
        #expect(show.scope?.dotted == scope)
    }

    @Test func showFilters() throws {
        guard case .show(let like) = try statement("SHOW RESOURCES IN google.compute LIKE '%inst%'"),
              case .show(let filtered) = try statement("SHOW METHODS IN a.b.c WHERE name = 'x'") else {
            Issue.record("not SHOW")
            return
        }
        #expect(like.filter == .like("%inst%"))
        guard case .whereClause(.binary(.equal, _, _, _))? = filtered.filter else {
            Issue.record("WHERE filter missing")
            return
        }
    }

    @Test(arguments: [
        ("DESCRIBE google.compute.instances", false),
        ("DESCRIBE EXTENDED google.compute.instances", true),
        ("desc google.compute.instances", false),
    ])
    func describe(_ source: String, extended: Bool) throws {
        guard case .describe(let describe) = try statement(source) else {
            Issue.record("not DESCRIBE")
            return
        }
        #expect(describe.extended == extended)
        #expect(describe.resource.dotted == "google.compute.instances")
    }

    @Test func describeMethod() throws {
        guard case .describeMethod(let describe) = try statement("DESCRIBE METHOD google.dataproc.sessions.projects_locations_sessions_get") else {
            Issue.record("not DESCRIBE METHOD")
            return
        }
        #expect(describe.resource.dotted == "google.dataproc.sessions")
        #expect(describe.method.name == "projects_locations_sessions_get")
    }

    @Test func describeResourceNamedMethod() throws {
        guard case .describe(let describe) = try statement("DESCRIBE method") else {
            Issue.record("not DESCRIBE")
            return
        }
        #expect(describe.resource.dotted == "method")
    }

    @Test(arguments: [
        ("REGISTRY LIST", RegistryStatement.Action.list(provider: nil)),
        ("REGISTRY LIST google", .list(provider: Identifier("google"))),
        ("REGISTRY PULL google", .pull(provider: Identifier("google"), version: nil)),
        ("REGISTRY PULL google v24.11.00274", .pull(provider: Identifier("google"), version: "v24.11.00274")),
        ("registry pull aws 'v1.0.0'", .pull(provider: Identifier("aws"), version: "v1.0.0")),
    ])
    func registry(_ source: String, action: RegistryStatement.Action) throws {
        guard case .registry(let registry) = try statement(source) else {
            Issue.record("not REGISTRY")
            return
        }
        #expect(SyntaxStructure.describe(registry.action) == SyntaxStructure.describe(action))
    }

    @Test func scriptWithEmptyStatementsAndComments() throws {
        let script = """
            -- leading comment
            ;;SELECT 1;
            /* block */ SHOW PROVIDERS ;
            ;
            DESCRIBE google.compute.instances
            """
        let statements = try Parser.parseScript(script)
        #expect(statements.count == 3)
        guard case .show = statements[1] else {
            Issue.record("second statement is not SHOW")
            return
        }
        let start = Array(script.utf8).firstRange(of: Array("SELECT 1".utf8))?.lowerBound
        #expect(statements[0].range == SourceRange(start: try #require(start), end: try #require(start) + 8))
    }

    @Test func statementRangesSliceTheSource() throws {
        let source = "SELECT 1;\n  EXEC a.b.c @x = 'é' ; SHOW PROVIDERS"
        let texts = try Parser.parseScript(source).map { $0.range.text(in: source) }
        #expect(texts == ["SELECT 1", "EXEC a.b.c @x = 'é'", "SHOW PROVIDERS"])
    }

    @Test func aliasResemblingAKeywordBeforeAClauseIsAnAlias() throws {
        guard case .select(let select) = try statement("SELECT sum(x) OVER w jon FROM t WINDOW w AS (ORDER BY x)"),
              case .select(let core) = select.first,
              case .expression(_, let alias, _) = core.columns[0] else {
            Issue.record("not a select with an aliased column")
            return
        }
        #expect(alias?.name == "jon")
    }

    @Test func keywordsAreCaseInsensitive() throws {
        let lower = try statement("select distinct a from t where b is not null order by a desc limit 1")
        let upper = try statement("SELECT DISTINCT a FROM t WHERE b IS NOT NULL ORDER BY a DESC LIMIT 1")
        #expect(lower.isStructurallyEqual(to: upper))
    }

    @Test func quotedIdentifiersKeepTheirValue() throws {
        guard case .select(let select) = try statement("SELECT \"a\"\"b\", `c``d`, [e f] FROM \"x\".\"y\".\"z\""),
              case .select(let core) = select.first else {
            Issue.record("not a select")
            return
        }
        let names = core.columns.compactMap { column -> String? in
            if case .expression(.column(let c), _, _) = column { return c.column.name }
            return nil
        }
        #expect(names == ["a\"b", "c`d", "e f"])
        guard case .named(let table)? = core.from?.first else {
            Issue.record("not a named table")
            return
        }
        #expect(table.name.parts.allSatisfy { $0.quoted })
        #expect(table.name.dotted == "x.y.z")
    }
}
