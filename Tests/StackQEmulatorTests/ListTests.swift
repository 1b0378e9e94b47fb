import AsyncHTTPClient
import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// A collection of each kind, for tests that run the same behaviour on both.
struct Kind: Sendable, CustomStringConvertible {
    var collection: String
    var listKey: String
    var stateField: String
    var idParameter: String
    var createBody: String

    var description: String { collection }
    var path: String { "/v1/\(TestSeed.location)/\(collection)" }

    static let sessions = Kind(collection: "sessions", listKey: "sessions", stateField: "state", idParameter: "sessionId",
                               createBody: #"{"labels":{"env":"test"},"runtimeConfig":{"version":"2.2"}}"#)
    static let jobs = Kind(collection: "notebookExecutionJobs", listKey: "notebookExecutionJobs", stateField: "jobState",
                           idParameter: "notebookExecutionJobId",
                           createBody: #"{"displayName":"report","gcsNotebookSource":{"uri":"gs://b/n.ipynb"},"labels":{"env":"test"}}"#)
    static let all = [sessions, jobs]

    /// `count` seeded items of this kind, alternating two states and two env labels.
    func seed(_ count: Int) -> SeedData {
        let collectionPath = "\(TestSeed.location)/\(collection)"
        let states = collection == "sessions" ? ["ACTIVE", "TERMINATED"] : ["JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED"]
        return SeedData(collections: [(collectionPath, (1...count).map { index in
            JSONValue.object([
                ("name", .string("\(collectionPath)/item-\(index)")),
                (stateField, .string(states[index % 2])),
                ("labels", .object([("env", .string(index % 3 == 0 ? "prod" : "dev"))])),
            ])
        })])
    }
}

@Suite struct ListTests {
    @Test(arguments: Kind.all)
    func pagesThroughEveryItemInOrderWithNextPageTokenOnlyWhileMoreRemain(kind: Kind) async throws {
        try await EmulatorHarness.with(seed: kind.seed(25)) { emulator in
            var names: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let query = "?pageSize=10" + (token.map { "&pageToken=\($0)" } ?? "")
                let page = try await emulator.get(kind.path + query)
                #expect(page.status == 200)
                guard case .array(let items) = page.json[kind.listKey] ?? .null else {
                    Issue.record("page without \(kind.listKey): \(page.text)")
                    return
                }
                names += items.compactMap { $0["name"]?.stringValue }
                token = page.json["nextPageToken"]?.stringValue
                pages += 1
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(names == (1...25).map { "\(TestSeed.location)/\(kind.collection)/item-\($0)" })
        }
    }

    @Test(arguments: Kind.all)
    func exactMultipleOfPageSizeEndsWithoutToken(kind: Kind) async throws {
        try await EmulatorHarness.with(seed: kind.seed(10)) { emulator in
            let page = try await emulator.get(kind.path + "?pageSize=10")
            #expect(page.json[kind.listKey]?.arrayCount == 10)
            #expect(page.json["nextPageToken"] == nil)
        }
    }

    @Test func defaultPageSizeAppliesWithoutPageSize() async throws {
        try await EmulatorHarness.with({ $0.defaultPageSize = 7 }, seed: Kind.sessions.seed(20)) { emulator in
            let page = try await emulator.get(Kind.sessions.path)
            guard case .array(let items) = page.json["sessions"] ?? .null else { throw TestFailure("no sessions") }
            #expect(items.count == 7)
            #expect(page.json["nextPageToken"] != nil)
        }
    }

    @Test func pageSizeAboveMaximumIsLoweredToIt() async throws {
        try await EmulatorHarness.with({ $0.maximumPageSize = 5 }, seed: Kind.sessions.seed(20)) { emulator in
            let page = try await emulator.get(Kind.sessions.path + "?pageSize=1000")
            guard case .array(let items) = page.json["sessions"] ?? .null else { throw TestFailure("no sessions") }
            #expect(items.count == 5)
        }
    }

    @Test(arguments: ["-1", "ten"])
    func invalidPageSizeIsInvalidArgument(pageSize: String) async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(3)) { emulator in
            let response = try await emulator.get(Kind.sessions.path + "?pageSize=\(pageSize)")
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func pageTokenNotIssuedForThisListIsInvalidArgument() async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(5)) { emulator in
            let garbage = try await emulator.get(Kind.sessions.path + "?pageToken=bm90LWEtdG9rZW4")
            #expect(garbage.status == 400)
            #expect(garbage.errorStatus == "INVALID_ARGUMENT")

            let first = try await emulator.get(Kind.sessions.path + "?pageSize=2")
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let otherFilter = try await emulator.get(Kind.sessions.path + "?pageSize=2&filter=state%3DACTIVE&pageToken=\(token)")
            #expect(otherFilter.status == 400)
        }
    }

    @Test func emptyCollectionIsAnEmptyObject() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get(Kind.sessions.path)
            #expect(response.status == 200)
            #expect(response.text == "{}")
        }
    }

    @Test(arguments: [
        ("state = ACTIVE", ["s002", "s004", "s006"]),
        ("state=ACTIVE AND labels.env = \"prod\"", ["s006"]),
        ("labels.env = prod", ["s003", "s006"]),
        ("state != ACTIVE", ["s001", "s003", "s005"]),
    ])
    func filterKeepsMatchingSessions(filter: String, expected: [String]) async throws {
        try await EmulatorHarness.with(seed: TestSeed.sessions(6)) { emulator in
            let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await emulator.get(Kind.sessions.path + "?filter=\(encoded)")
            #expect(response.status == 200)
            guard case .array(let items) = response.json["sessions"] ?? .null else { throw TestFailure(response.text) }
            #expect(items.compactMap { $0["name"]?.stringValue?.split(separator: "/").last.map(String.init) } == expected)
        }
    }

    @Test func filterWithPlusEncodedSpacesPagesThroughMatchesOnly() async throws {
        try await EmulatorHarness.with(seed: TestSeed.sessions(9)) { emulator in
            let first = try await emulator.get(Kind.sessions.path + "?pageSize=2&filter=state+%3D+ACTIVE")
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let second = try await emulator.get(Kind.sessions.path + "?pageSize=2&filter=state+%3D+ACTIVE&pageToken=\(token)")
            guard case .array(let items) = second.json["sessions"] ?? .null else { throw TestFailure(second.text) }
            #expect(items.compactMap { $0["name"]?.stringValue?.split(separator: "/").last.map(String.init) } == ["s006", "s008"])
            #expect(second.json["nextPageToken"] == nil)
        }
    }

    @Test func filterOnJobStateKeepsMatchingJobs() async throws {
        try await EmulatorHarness.with(seed: Kind.jobs.seed(6)) { emulator in
            let response = try await emulator.get(Kind.jobs.path + "?filter=job_state%3D%22JOB_STATE_RUNNING%22")
            guard case .array(let items) = response.json["notebookExecutionJobs"] ?? .null else { throw TestFailure(response.text) }
            #expect(items.count == 3)
            #expect(items.allSatisfy { $0["jobState"]?.stringValue == "JOB_STATE_RUNNING" })
        }
    }

    @Test(arguments: ["state =", "state ACTIVE", "state = ACTIVE OR state = FAILED", "= ACTIVE"])
    func malformedFilterIsInvalidArgument(filter: String) async throws {
        try await EmulatorHarness.with(seed: TestSeed.sessions(3)) { emulator in
            let encoded = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await emulator.get(Kind.sessions.path + "?filter=\(encoded)")
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func collectionsAreSeparatedByParent() async throws {
        let other = "projects/demo/locations/europe-west1/sessions"
        let seed = SeedData(collections: [(other, [.object([("name", .string("\(other)/eu-1"))])])])
        try await EmulatorHarness.with(seed: seed) { emulator in
            #expect(try await emulator.get(Kind.sessions.path).text == "{}")
            let europe = try await emulator.get("/v1/\(other)")
            #expect(europe.json["sessions"] == .array([.object([("name", .string("\(other)/eu-1"))])]))
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
