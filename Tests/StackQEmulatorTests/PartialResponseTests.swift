import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Google's `fields` (partial responses): lists and gets answer only the selected top-level members.
@Suite struct PartialResponseTests {
    static let path = Kind.sessions.path

    /// The member names of each item of a list page.
    func memberNames(_ page: TestResponse, key: String = "sessions") throws -> [[String]] {
        guard case .array(let items) = page.json[key] ?? .null else { throw TestFailure("no \(key): \(page.text)") }
        return items.map { item in
            guard case .object(let members) = item else { return [] }
            return members.map(\.key)
        }
    }

    @Test func aListKeepsTheSelectedMembersOfEachItemAndTheToken() async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(5)) { emulator in
            let page = try await emulator.get(Self.path + "?pageSize=2&fields=sessions(name,state),nextPageToken")
            #expect(page.status == 200)
            #expect(try memberNames(page) == [["name", "state"], ["name", "state"]])
            #expect(page.json["nextPageToken"]?.stringValue != nil)
            let next = try await emulator.get(Self.path + "?pageSize=2&fields=sessions(name)&pageToken=\(page.json["nextPageToken"]?.stringValue ?? "")")
            #expect(try memberNames(next) == [["name"], ["name"]])
            #expect(next.json["nextPageToken"] == nil)
        }
    }

    @Test(arguments: ["sessions", "sessions/labels/env", "sessions,nextPageToken"])
    func aListKeyWithoutItsOwnSelectionKeepsWholeItems(fields: String) async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(3)) { emulator in
            let page = try await emulator.get(Self.path + "?fields=" + fields)
            #expect(try memberNames(page) == Array(repeating: ["name", "state", "labels"], count: 3))
        }
    }

    @Test func nestedSelectionsKeepTheWholeTopLevelMember() async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(3)) { emulator in
            let page = try await emulator.get(Self.path + "?fields=sessions(labels/env,name)")
            #expect(try memberNames(page) == Array(repeating: ["name", "labels"], count: 3))
            guard case .array(let items)? = page.json["sessions"] else { throw TestFailure("no sessions: \(page.text)") }
            #expect(items.first?["labels"] == .object([("env", .string("dev"))]))
        }
    }

    @Test func aGetKeepsTheSelectedMembers() async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(3)) { emulator in
            let item = try await emulator.get(Self.path + "/item-1?fields=state,labels(env)")
            #expect(item.status == 200)
            #expect(item.json == .object([("state", .string("TERMINATED")), ("labels", .object([("env", .string("dev"))]))]))
        }
    }

    @Test func membersAfterTrickyValuesAreFoundAndKeepTheirOrder() async throws {
        // Values before the selected members hold quotes, backslashes, commas, braces and a member name in text.
        let path = "\(TestSeed.location)/sessions"
        let tricky = #"a \"quoted\", {b: [c]} \\ "state":"FAKE""#
        let seed = SeedData(collections: [(path, [JSONValue.object([
            ("name", .string("\(path)/tricky")),
            ("labels", .object([("note", .string(tricky)), ("list", .string("[\\]"))])),
            ("runtimeConfig", .object([("properties", .object([("k", .string("}\",\""))]))])),
            ("state", .string("ACTIVE")),
        ])])])
        try await EmulatorHarness.with(seed: seed) { emulator in
            let page = try await emulator.get(Self.path + "?fields=sessions(state,labels)")
            #expect(try memberNames(page) == [["labels", "state"]])
            guard case .array(let items)? = page.json["sessions"] else { throw TestFailure("no sessions: \(page.text)") }
            #expect(items.first?["state"] == .string("ACTIVE"))
            #expect(items.first?["labels"]?["note"] == .string(tricky))
        }
    }

    @Test func fewerBytesAreServedAndCounted() async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(20)) { emulator in
            let whole = try await emulator.get(Self.path)
            let part = try await emulator.get(Self.path + "?fields=sessions(name),nextPageToken")
            #expect(part.bytes.count < whole.bytes.count)
            let stats = await emulator.emulator.stats()
            #expect(stats["bytes"]?["projects_locations_sessions_list"] == .number(Double(whole.bytes.count + part.bytes.count)))
        }
    }

    @Test(arguments: ["sessions(name", "sessions(name))", ",name"])
    func aMalformedSelectionIsInvalidArgument(fields: String) async throws {
        try await EmulatorHarness.with(seed: Kind.sessions.seed(1)) { emulator in
            let page = try await emulator.get(Self.path + "?fields=" + fields)
            #expect(page.status == 400)
            #expect(page.errorStatus == "INVALID_ARGUMENT")
        }
    }
}
