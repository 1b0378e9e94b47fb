import Testing
@testable import StackQSyntax

@Suite struct SmokeTests {
    @Test(arguments: [
        "SELECT name, json_extract(runtimeInfo,'$.endpoints') ep FROM google.dataproc.sessions WHERE projectsId='p' AND locationsId='us-central1';",
        "EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_terminate @projectsId='p', @locationsId='l', @sessionsId='s';",
        "INSERT INTO google.dataproc.sessions(projectsId, locationsId, data__name, data__jupyterSession) SELECT 'p', 'l', 'projects/p/locations/l/sessions/s1', '{\"kernel\":\"PYTHON\"}';",
    ])
    func roundTrip(_ source: String) throws {
        let statement = try Parser.parseStatement(source)
        let printed = SQLPrinter.print(statement)
        print(printed)
        let again = try Parser.parseStatement(printed)
        #expect(statement.isStructurallyEqual(to: again))
    }
}
