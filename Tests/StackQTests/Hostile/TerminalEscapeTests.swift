import Foundation
@testable import StackQ
import Testing

/// Issue 14 item 14: no control character from API data or a server message reaches the terminal.
@Suite struct TerminalEscapeTests {
    static func hasControls(_ text: String, allowingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { TerminalText.isControl($0) && !(allowingNewlines && $0 == "\n") }
    }

    @Test func tableOutputEscapesC0AndC1ControlsFromAPIData() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine()
        let result = try await engine.execute(HostileHarness.list("ansi"))[0]
        try await engine.shutdown()
        let table = ResultFormatter(format: .table).format(result)
        #expect(!Self.hasControls(table, allowingNewlines: true), "\(table.debugDescription)")
        #expect(table.contains(#"\x1B[2J\x07FAKE\u{9B}31m"#))
    }

    @Test func aServerMessageWithControlsIsEscapedInTheError() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("ansi-error")))
        #expect(!Self.hasControls("\(error)", allowingNewlines: false), "\("\(error)".debugDescription)")
        #expect("\(error)".contains(#"bad\x1B[2J\x07 request\nerror: fake line"#))
    }

    @Test func textOutputEscapesTabsAndNewlinesInsideValues() {
        let result = ResultSet(columnNames: ["a", "b"], textRows: [["x\ty", "1\n2\\3"]])
        #expect(ResultFormatter(format: .text, omitHeaders: true).format(result) == "x\\ty\t1\\n2\\\\3\n")
    }

    @Test(arguments: [("a\u{1B}b", "a\\x1Bb"), ("\u{7}", "\\x07"), ("\u{7F}", "\\x7F"), ("\u{85}", "\\u{85}"), ("é\u{9B}", "é\\u{9B}"),
                      ("a\nb", "a\\nb"), ("tab\t", "tab\\t"), ("\r", "\\r"), ("plain ✓", "plain ✓")])
    func controlsAreWrittenVisibly(_ raw: String, _ shown: String) {
        #expect(TerminalText.escapingControls(raw) == shown)
    }
}
