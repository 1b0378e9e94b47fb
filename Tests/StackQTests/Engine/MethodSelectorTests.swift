import Testing
@testable import StackQ

@Suite struct MethodSelectorTests {
    static func pathParameter(_ name: String) -> Parameter {
        Parameter(name: name, location: .path, isRequired: true)
    }

    let sessions = Resource(name: "sessions", id: "google.dataproc.sessions", methods: [
        Method(name: "projects_locations_sessions_get", sqlVerb: .select, sqlVerbOrder: 0, httpMethod: "GET",
               path: "/v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}",
               parameters: ["projectsId", "locationsId", "sessionsId"].map(pathParameter), response: ResponseInfo()),
        Method(name: "projects_locations_sessions_list", sqlVerb: .select, sqlVerbOrder: 1, httpMethod: "GET",
               path: "/v1/projects/{projectsId}/locations/{locationsId}/sessions",
               parameters: ["projectsId", "locationsId"].map(pathParameter)
                   + [Parameter(name: "filter", location: .query, isRequired: false)],
               response: ResponseInfo(objectKey: "$.sessions")),
    ])

    @Test func getIsChosenWhenTheIdIsBound() throws {
        #expect(try MethodSelector.choose(resource: sessions, bound: ["projectsId", "locationsId", "sessionsId"]).name
            == "projects_locations_sessions_get")
        #expect(try MethodSelector.choose(resource: sessions, bound: ["projectsId", "locationsId", "filter"]).name
            == "projects_locations_sessions_list")
    }

    @Test func missingParametersAreNamedWithAnExample() {
        #expect(throws: PlanError(.missingParameters, "google.dataproc.sessions needs projectsId and locationsId (projects_locations_sessions_list), or also sessionsId (projects_locations_sessions_get); the WHERE clause gives only projectsId. For example: WHERE projectsId = '…' AND locationsId = '…'")) {
            try MethodSelector.choose(resource: sessions, bound: ["projectsId"])
        }
    }
}
