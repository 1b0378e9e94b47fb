import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// The bundled provider's descriptions of the two resources the emulator knows best.
@Suite struct BundledProviderTests {
    @Test func bundledSessionsResourceHasTheMethodsTheEmulatorServes() throws {
        let sessions = try #require(BundledServices.dataproc.resource(named: "sessions"))
        let list = try #require(sessions.method(named: "projects_locations_sessions_list"))
        #expect(list.path == "/v1/projects/{projectsId}/locations/{locationsId}/sessions")
        #expect(list.response.objectKey == "$.sessions")
        #expect(list.parameter(named: "filter") != nil)
        let create = try #require(sessions.method(named: "projects_locations_sessions_create"))
        #expect(create.isAwaitable)
        #expect(create.parameter(named: "sessionId")?.location == .query)
        #expect(sessions.method(named: "projects_locations_sessions_terminate")?.path.hasSuffix(":terminate") == true)
    }

    @Test func bundledNotebookExecutionJobsResourceHasTheMethodsTheEmulatorServes() throws {
        let jobs = try #require(BundledServices.aiplatform.resource(named: "notebook_execution_jobs"))
        let list = try #require(jobs.method(named: "projects_locations_notebook_execution_jobs_list"))
        #expect(list.response.objectKey == "$.notebookExecutionJobs")
        let create = try #require(jobs.method(named: "projects_locations_notebook_execution_jobs_create"))
        #expect(create.isAwaitable)
        #expect(create.parameter(named: "notebookExecutionJobId") != nil)
    }
}
