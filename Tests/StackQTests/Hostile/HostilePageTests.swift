import Foundation
@testable import StackQ
import Testing

/// Issue 14 items 7, 8 and 13 (the endless paginator): a page is checked before its rows count, and page tokens
/// that cycle, repeat or never end are said so.
@Suite struct HostilePageTests {
    @Test(arguments: [
        ("html", 0), ("empty", 0), ("null", nil), ("string", nil), ("no-array", 0),
        ("invalid-0", 33), ("invalid-1", 34), ("invalid-2", 32), ("invalid-3", 19), ("invalid-4", 28),
    ] as [(String, Int?)])
    func aPageThatIsNotRowsIsAnErrorNamingTheCallAndTheOffset(_ mode: String, _ offset: Int?) async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list(mode)) as? InvalidResponseError)
        #expect(error.method == "google.dataproc.sessions.projects_locations_sessions_list")
        #expect(error.page == 1)
        if let offset { #expect(error.offset == offset, "\(error)") }
        #expect(error.description.contains("projectsId='\(mode)'"))
    }

    @Test func anEmptyObjectIsAnEmptyPage() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await harness.rows(HostileHarness.list("empty-page")).isEmpty)
    }

    @Test(arguments: [
        #"{"a":1}"#, #"[1,2.5,-0,1e3,true,false,null,"x\u00e9\n"]"#, " {} ", #"{"a":{"b":[[],{}]}}"#,
    ])
    func validJSONPasses(_ text: String) throws {
        try JSONValidator.validate(Array(text.utf8))
    }

    @Test(arguments: [
        ("", 0), ("{", 1), (#"{"state":tru}"#, 9), ("12abc", 2), ("NaN", 0), (#"{"k":1]"#, 6), ("{} x", 3),
        ("01", 0), (#"["a"#, 1), ("[1,]", 3), (#"{"a" 1}"#, 5), ("\"\u{1}\"", 1), (#""\x""#, 1),
    ])
    func invalidJSONIsFoundAtItsOffset(_ text: String, _ offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONValidator.validate(Array(text.utf8)) }
        do {
            try JSONValidator.validate(Array(text.utf8))
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test func deepNestingIsCheckedWithoutRecursion() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(throws: Never.self) { try JSONValidator.validate(Array(deep.utf8)) }
    }

    @Test(arguments: ["cyclic", "repeat"])
    func aRepeatedPageTokenIsAnError(_ mode: String) async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list(mode)) as? InvalidResponseError)
        #expect(error.problem.contains("a second time"))
    }

    /// The next page is asked for before the current one is checked; a page that is not one still fails the call
    /// as that page, after the page before it.
    @Test func aBadPageAfterAGoodOneFailsTheCallAsThatPage() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("bad-second")) as? InvalidResponseError)
        #expect(error.page == 2, "\(error)")
        #expect(error.description.contains("not valid JSON"), "\(error)")
        #expect(harness.server.count("bad-second") >= 2)
    }

    @Test func aNumericPageTokenIsFollowedAsText() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let rows = try await harness.rows(HostileHarness.list("numeric"))
        #expect(rows.map { $0[0] ?? "" } == ["projects/numeric/locations/l/sessions/n1", "projects/numeric/locations/l/sessions/n2"])
        #expect(harness.server.requests.last?.uri.contains("pageToken=2") == true)
    }

    @Test func anEndlessPaginatorStopsAtTheDefaultCapAndSaysSo() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let recorder = NoticeRecorder()
        let rows = try await harness.rows(HostileHarness.list("endless"), engine: harness.engine(defaultPageCap: 7, observer: recorder))
        #expect(rows.count == 7)
        #expect(harness.server.count("endless") == 7)
        #expect(recorder.warnings.count == 1)
        #expect(recorder.warnings.first?.contains("the default cap of 7 pages") == true)
        #expect(EngineConfiguration().defaultPageCap == 10_000)
    }
}
