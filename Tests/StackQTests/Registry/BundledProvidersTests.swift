import Foundation
import Testing
@testable import StackQ
import StackQTesting

/// The committed `providers/` registry answers the statements.
@Suite struct BundledProvidersTests {
    private func registry() -> Registry {
        Registry(root: RegistryFixtures.repository.appendingPathComponent("providers"), cacheDirectory: nil)
    }

    @Test func hasTheSeedsSessionMethods() throws {
        let table = try registry().showMethods(provider: "google", service: "dataproc", resource: "sessions")
        #expect(table.rows == RegistryFixtures.sessionMethods)
    }

    @Test func describesSessionsWithTheSeedTypes() throws {
        let table = try registry().describe(provider: "google", service: "dataproc", resource: "sessions")
        let types = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0]!, $0[1]!) })
        for (field, type) in RegistryFixtures.sessionFields {
            #expect(types[field] == type, "field \(field)")
        }
    }

    @Test func describesNotebookExecutionJobs() throws {
        let table = try registry().describe(provider: "google", service: "aiplatform", resource: "notebook_execution_jobs")
        let names = Set(table.rows.map { $0[0]! })
        #expect(Set(RegistryFixtures.notebookExecutionJobFields).isSubset(of: names))
    }

    @Test func listsEveryGoogleAPI() throws {
        let names = try registry().showServices(provider: "google").rows.map { $0[1]! }
        #expect(names.count >= 600)
        for name in ["aiplatform", "cloudresourcemanager", "dataproc", "compute", "storage", "container", "iam", "iamv2",
                     "iamv2beta", "run", "bigquery", "dns"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test(arguments: [
        ("compute", "instances"), ("storage", "buckets"), ("container", "clusters"), ("iam", "service_accounts"),
        ("run", "services"), ("bigquery", "datasets"), ("advisorynotifications", "settings"), ("iam", "service_account_keys"),
    ])
    func describesResourcesOfTheBundle(service: String, resource: String) throws {
        #expect(try !registry().describe(provider: "google", service: service, resource: resource).rows.isEmpty)
    }
}
