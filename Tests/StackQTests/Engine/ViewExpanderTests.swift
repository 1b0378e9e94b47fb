import StackQSyntax
import Testing
@testable import StackQ

/// Views become their defining SELECT, with the outer conditions that bind the underlying resource's
/// parameters carried inside.
@Suite struct ViewExpanderTests {
    static let sessions = Resource(name: "sessions", id: "google.dataproc.sessions", methods: [
        Method(name: "projects_locations_sessions_list", sqlVerb: .select, httpMethod: "GET",
               path: "/v1/projects/{projectsId}/locations/{locationsId}/sessions",
               parameters: ["projectsId", "locationsId"].map { Parameter(name: $0, location: .path, isRequired: true) },
               response: ResponseInfo(objectKey: "$.sessions")),
    ])
    static let active = Resource(name: "active", id: "google.dataproc.active", methods: [], viewDefinition: """
        SELECT name, state AS current_state FROM google.dataproc.sessions
        WHERE projectsId = 'example' AND locationsId = 'us-central1' AND state = 'ACTIVE'
        """)
    static let overActive = Resource(name: "over_active", id: "google.dataproc.over_active", methods: [],
                                     viewDefinition: "SELECT name FROM google.dataproc.active")

    func expanded(_ sql: String) throws -> String {
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        let expanded = try ViewExpander.expand(select) { name in
            switch name.parts[2].name {
            case "active": Self.active
            case "over_active": Self.overActive
            default: Self.sessions
            }
        }
        return SQLPrinter.print(expanded)
    }

    @Test func anOuterParameterReplacesTheViewsOwnAndLeavesTheOuterWhereWhenTheViewHasNoSuchColumn() throws {
        let sql = try expanded("SELECT name FROM google.dataproc.active WHERE projectsId = 'p' AND current_state <> 'x'")
        #expect(sql.contains("locationsId = 'us-central1'"))
        #expect(sql.contains("sessions.projectsId = 'p'"))
        #expect(!sql.contains("'example'"))
        #expect(sql.hasSuffix("AS active WHERE current_state != 'x'"))
    }

    @Test func aViewWithoutOuterConditionsKeepsItsOwn() throws {
        let sql = try expanded("SELECT count(*) FROM google.dataproc.active a")
        #expect(sql.contains("projectsId = 'example'"))
        #expect(sql.hasSuffix("AS a"))
    }

    @Test func viewsOverViewsExpandAndEachReferenceGetsItsOwnIds() throws {
        guard case .select(let select) = try Parser.parseStatement(
            "SELECT * FROM google.dataproc.over_active x JOIN google.dataproc.over_active y ON x.name = y.name") else { return }
        let expanded = try ViewExpander.expand(select) { name in
            name.parts[2].name == "over_active" ? Self.overActive : name.parts[2].name == "active" ? Self.active : Self.sessions
        }
        let references = ResourceReferenceCollector.collect(expanded)
        #expect(references.map(\.resource) == ["sessions", "sessions"])
        #expect(Set(references.map(\.table.id)).count == 2)
    }

    @Test func aPlainResourceIsLeftAlone() throws {
        #expect(try expanded("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'")
            == "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'")
    }
}
