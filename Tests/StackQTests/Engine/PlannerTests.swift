import StackQSyntax
import Testing
@testable import StackQ
import StackQTesting

/// The planner as a pure function over the bundled providers: which method, which bindings, in what order.
@Suite struct PlannerTests {
    static let registry = Registry(root: EmulatorHarness.providers, cacheDirectory: nil)

    func references(_ sql: String) throws -> [ResourceReference] {
        guard case .select(let select) = try Parser.parseStatement(sql) else {
            Issue.record("not a SELECT")
            return []
        }
        return ResourceReferenceCollector.collect(select)
    }

    func plan(_ sql: String) throws -> QueryPlan {
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        return try QueryPlanner(registry: Self.registry, source: Array(sql.utf8)).plan(select)
    }

    /// Each reference's bindings as text: `name=literal|a,b` or `name←ref.column`.
    func bindings(_ sql: String, at index: Int = 0) throws -> [String: String] {
        let plan = try plan(sql)
        var result: [String: String] = [:]
        for binding in plan.references[index].bindings {
            switch binding.source {
            case .literals(let values): result[binding.parameter] = values.joined(separator: ",")
            case .column(let source, let column): result[binding.parameter] = "←\(plan.references[source].exposedName).\(column)"
            }
        }
        return result
    }

    static let sessions = "google.dataproc.sessions"

    @Test func findsResourcesInEveryPlaceATableMayStand() throws {
        let sql = """
            WITH c AS (SELECT * FROM google.a.one)
            SELECT (SELECT 1 FROM google.a.two), x.* FROM c, (SELECT * FROM google.a.three) x
            JOIN (google.a.four f JOIN local_table l ON 1) ON 1
            WHERE EXISTS (SELECT 1 FROM google.a.five) AND x IN (SELECT y FROM google.a.six)
            UNION SELECT * FROM google.a.seven
            """
        #expect(try references(sql).map(\.resource).sorted() == ["five", "four", "one", "seven", "six", "three", "two"])
    }

    @Test func equalityAndInListsBindInEitherOrder() throws {
        #expect(try bindings("SELECT * FROM \(Self.sessions) WHERE projectsId = 'p' AND 'l' = locationsId AND state = 'ACTIVE'")
            == ["projectsId": "p", "locationsId": "l"])
        #expect(try bindings("SELECT * FROM \(Self.sessions) WHERE projectsId IN ('a', 'b', 'a') AND locationsId = 'l'")
            == ["projectsId": "a,b", "locationsId": "l"])
    }

    @Test func orOfEqualitiesOnOneParameterIsAnInList() throws {
        #expect(try bindings("SELECT * FROM \(Self.sessions) WHERE projectsId = 'p' AND (locationsId = 'a' OR locationsId = 'b')")
            == ["projectsId": "p", "locationsId": "a,b"])
    }

    @Test(arguments: [
        "SELECT * FROM google.dataproc.sessions WHERE projectsId = 'p' OR locationsId = 'l'",
        "SELECT * FROM google.dataproc.sessions WHERE NOT (projectsId = 'p') AND locationsId = 'l'",
        "SELECT * FROM google.dataproc.sessions WHERE projectsId NOT IN ('p') AND locationsId = 'l'",
    ])
    func onlyTopLevelPositiveConditionsBind(sql: String) throws {
        #expect(throws: PlanError.self) { try plan(sql) }
    }

    @Test func qualifiersMustNameTheReference() throws {
        let sql = "SELECT * FROM google.dataproc.sessions a JOIN google.dataproc.sessions b ON b.projectsId = 'q' AND b.locationsId = 'm' WHERE a.projectsId = 'p' AND a.locationsId = 'l'"
        #expect(try bindings(sql, at: 0) == ["projectsId": "p", "locationsId": "l"])
        #expect(try bindings(sql, at: 1) == ["projectsId": "q", "locationsId": "m"])
    }

    @Test func numbersAreSentAsWritten() throws {
        #expect(try bindings("SELECT * FROM \(Self.sessions) WHERE projectsId = 'p' AND locationsId = 'l' AND pageSize = 007")
            == ["projectsId": "p", "locationsId": "l", "pageSize": "007"])
    }

    @Test func aJoinColumnBindsAndOrdersTheStages() throws {
        let sql = """
            SELECT * FROM google.dataproc.sessions s JOIN google.cloudresourcemanager.projects p ON s.projectsId = p.projectId
            WHERE s.locationsId = 'l' AND p.parent = 'organizations/1'
            """
        let plan = try plan(sql)
        #expect(plan.references.map(\.displayName) == ["google.cloudresourcemanager.projects AS p", "google.dataproc.sessions AS s"])
        #expect(plan.stages == [1, 2])
        #expect(try bindings(sql, at: 1) == ["projectsId": "←p.projectId", "locationsId": "l"])
        #expect(plan.references[1].literalCallCount == nil)
    }

    @Test func literalsPropagateThroughAnEqualityOfParameters() throws {
        let sql = """
            SELECT * FROM google.dataproc.sessions s JOIN google.aiplatform.notebook_execution_jobs j
              ON j.projectsId = s.projectsId AND j.locationsId = s.locationsId
            WHERE s.projectsId = 'demo' AND s.locationsId = 'us-central1'
            """
        #expect(try bindings(sql, at: 1) == ["projectsId": "demo", "locationsId": "us-central1"])
        #expect(try plan(sql).stages == [1, 1])
    }

    @Test func aCircleOfDependenciesIsAnError() throws {
        let sql = """
            SELECT * FROM google.dataproc.sessions s JOIN google.dataproc.sessions t
              ON t.projectsId = s.projectsId AND s.locationsId = t.locationsId
            """
        #expect(throws: PlanError.self) { try plan(sql) }
    }

    @Test func aMissingParameterNamesEveryCandidateMethod() throws {
        do {
            _ = try plan("SELECT * FROM google.dataproc.sessions WHERE locationsId = 'l'")
            Issue.record("expected a PlanError")
        } catch let error as PlanError {
            #expect(error.message.hasPrefix("google.dataproc.sessions needs projectsId and locationsId (projects_locations_sessions_list)"))
        }
    }
}
