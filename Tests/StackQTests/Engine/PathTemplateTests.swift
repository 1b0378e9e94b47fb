import Testing
@testable import StackQ

/// The one path-template type: what the request builder sends, the planner reads back from a resource's name.
@Suite struct PathTemplateTests {
    @Test(arguments: [
        ("v1/projects/{projectsId}/sessions/{sessionsId}:terminate", ["projectsId": "p", "sessionsId": "a b/c"],
         "v1/projects/p/sessions/a%20b%2Fc:terminate"),
        ("/v1/{+name}:cancel", ["name": "projects/p/operations/o 1"], "/v1/projects/p/operations/o%201:cancel"),
        ("/v1/{+name}", ["name": "projects/p"], "/v1/projects/p"),
        ("/api/formula/{formula_name}.json", ["formula_name": "curl"], "/api/formula/curl.json"),
        ("/files/file-{id}/x", ["id": "7"], "/files/file-7/x"),
        ("/api/items/", [:], "/api/items/"),
    ])
    func expandsEachValueIntoItsSegments(_ template: String, _ values: [String: String], _ path: String) throws {
        #expect(try PathTemplate(template).expand(values) == path)
        #expect(PathTemplate(template).description == template)
    }

    @Test(arguments: ["projects/p/../q", "projects//p", "/projects/p", "."])
    func aReservedValueThatWouldNameAnotherPathIsRefused(_ name: String) {
        #expect(throws: PlanError.self) { try PathTemplate("/v1/{+name}").expand(["name": name]) }
    }

    @Test(arguments: [
        ("v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}:terminate",
         "projects/p/locations/l/sessions/s", ["projectsId": "p", "locationsId": "l", "sessionsId": "s"]),
        ("/v1/{+name}:cancel", "projects/p/operations/o", ["name": "projects/p/operations/o"]),
        ("/v1/{+parent}/jobs/{jobsId}", "projects/p/locations/l/jobs/j", ["parent": "projects/p/locations/l", "jobsId": "j"]),
        ("v1/projects/{projectsId}/sessions/{sessionsId}", "folders/f/sessions/s", [:]),
    ])
    func readsTheValuesOfAResourceName(_ template: String, _ name: String, _ values: [String: String]) {
        #expect(PathTemplate(template).values(in: name) == values)
    }

    @Test func listsItsVariables() {
        #expect(PathTemplate("/v1/{+parent}/jobs/{jobsId}:run").variables == ["parent", "jobsId"])
    }
}
