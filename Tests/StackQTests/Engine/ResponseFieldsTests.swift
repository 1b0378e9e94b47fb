import Foundation
import StackQSyntax
import StackQTesting
import Testing
@testable import StackQ

/// Which `fields` a SELECT's calls ask Google for: the members the statement reads, wherever it reads them, and
/// none at all when it may read every member.
@Suite struct ResponseFieldsTests {
    static let registry = Registry(root: EmulatorHarness.providers, cacheDirectory: nil)
    static let sessions = "google.dataproc.sessions"
    static let parent = "projectsId = 'p' AND locationsId = 'l'"
    static let projects = "google.cloudresourcemanager.projects"

    /// The `fields` of each reference, in plan order.
    func fields(_ sql: String) throws -> [String?] {
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        return try QueryPlanner(registry: Self.registry, source: Array(sql.utf8)).plan(select).references.map(\.fields)
    }

    @Test(arguments: [
        // The select list, and functions over a column.
        ("SELECT name, state FROM \(sessions) WHERE \(parent)", "sessions(name,state),nextPageToken"),
        ("SELECT upper(state), json_extract(runtimeInfo, '$.endpoints.Jupyter') FROM \(sessions) WHERE \(parent)",
         "sessions(runtimeInfo,state),nextPageToken"),
        ("SELECT runtimeInfo ->> '$.endpoints' FROM \(sessions) WHERE \(parent)", "sessions(runtimeInfo),nextPageToken"),
        // WHERE, ORDER BY, GROUP BY, HAVING: every clause counts; parameters are not members.
        ("SELECT name FROM \(sessions) WHERE \(parent) AND state = 'ACTIVE' ORDER BY createTime", "sessions(createTime,name,state),nextPageToken"),
        ("SELECT state, count(*) FROM \(sessions) WHERE \(parent) GROUP BY state HAVING max(creator) <> ''", "sessions(creator,state),nextPageToken"),
        ("SELECT projectsId, locationsId FROM \(sessions) WHERE \(parent)", "sessions(name),nextPageToken"),
        // A statement that reads no member still needs one a row, or count(*) would count nothing.
        ("SELECT count(*) FROM \(sessions) WHERE \(parent)", "sessions(name),nextPageToken"),
        // Quoted and differently cased names are the member's name.
        ("SELECT \"STATE\", Name FROM \(sessions) WHERE \(parent)", "sessions(name,state),nextPageToken"),
        // Subqueries and CTEs.
        ("SELECT n FROM (SELECT name AS n FROM \(sessions) WHERE \(parent))", "sessions(name),nextPageToken"),
        ("WITH c AS (SELECT state FROM \(sessions) WHERE \(parent)) SELECT * FROM c", "sessions(state),nextPageToken"),
        ("SELECT 1 WHERE EXISTS (SELECT uuid FROM \(sessions) WHERE \(parent) AND creator = 'a')", "sessions(creator,uuid),nextPageToken"),
        // A get is asked for the members themselves.
        ("SELECT state FROM \(sessions) WHERE \(parent) AND sessionsId = 's'", "state"),
    ])
    func oneReferenceAsksForWhatTheStatementReads(sql: String, expected: String) throws {
        #expect(try fields(sql) == [expected])
    }

    @Test(arguments: [
        "SELECT * FROM \(sessions) WHERE \(parent)",
        "SELECT s.* FROM \(sessions) s WHERE s.projectsId = 'p' AND s.locationsId = 'l'",
        "SELECT sessions.* FROM \(sessions) WHERE \(parent)",
        "SELECT * FROM (SELECT * FROM \(sessions) WHERE \(parent))",
        "SELECT count(*) FROM (SELECT * FROM \(sessions) WHERE \(parent))",
    ])
    func everyMemberWhenTheStatementMayReadThemAll(sql: String) throws {
        #expect(try fields(sql).allSatisfy { $0 == nil })
    }

    @Test func joinsAskEachReferenceForTheColumnsOfItsOwn() throws {
        #expect(try fields("""
            SELECT p.displayName, s.state FROM \(Self.projects) p JOIN \(Self.sessions) s ON s.projectsId = p.projectId
            WHERE p.parent = 'organizations/1' AND s.locationsId = 'l'
            """) == ["projects(displayName,parent,projectId,state),nextPageToken", "sessions(state),nextPageToken"])
    }

    @Test func anUnqualifiedNameBothHaveIsAskedOfBoth() throws {
        // `name` could be either's: both fetch it, so SQLite reads the right one whichever it is.
        #expect(try fields("""
            SELECT name FROM \(Self.projects) p JOIN \(Self.sessions) s ON s.projectsId = p.projectId
            WHERE p.parent = 'organizations/1' AND s.locationsId = 'l'
            """) == ["projects(name,parent,projectId),nextPageToken", "sessions(name),nextPageToken"])
    }

    @Test func aStarOverOneSideOfAJoinReadsOnlyThatSideWhole() throws {
        #expect(try fields("""
            SELECT s.*, p.displayName FROM \(Self.projects) p JOIN \(Self.sessions) s ON s.projectsId = p.projectId
            WHERE p.parent = 'organizations/1' AND s.locationsId = 'l'
            """) == ["projects(displayName,parent,projectId),nextPageToken", nil])
        #expect(try fields("""
            SELECT * FROM \(Self.projects) p NATURAL JOIN \(Self.sessions) s WHERE p.parent = 'organizations/1' AND s.projectsId = 'p' AND s.locationsId = 'l'
            """) == [nil, nil])
    }

    @Test func usingColumnsAreAskedOfBothSides() throws {
        #expect(try fields("""
            SELECT count(*) FROM \(Self.projects) p JOIN \(Self.sessions) s USING (labels)
            WHERE p.parent = 'organizations/1' AND s.projectsId = 'p' AND s.locationsId = 'l'
            """) == ["projects(labels,parent),nextPageToken", "sessions(labels),nextPageToken"])
    }

    @Test func explainShowsTheFields() async throws {
        let engine = try Engine(configuration: EngineConfiguration(registryPath: EmulatorHarness.providers.path))
        defer { Task { try? await engine.shutdown() } }
        let result = try await engine.execute("EXPLAIN SELECT name, state FROM \(Self.sessions) WHERE \(Self.parent)")[0]
        #expect(result.columns.map(\.name).last == "fields")
        #expect(result.rows.map { $0.last?.textValue } == ["sessions(name,state),nextPageToken", nil])
    }
}
