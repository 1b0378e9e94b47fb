import Foundation
import StackQ
import Testing
@testable import stackq

@Suite struct ShellHistoryTests {
    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("stackq-history-\(UUID().uuidString)")
            .appendingPathComponent(".stackq/history")
    }

    @Test func entriesSurviveAReopenWithTheirNewlines() throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent().deletingLastPathComponent()) }
        var history = ShellHistory(file: file)
        try history.add("SELECT 1;")
        try history.add("SELECT a,\n  b\\c FROM t;")
        try history.add("SELECT a,\n  b\\c FROM t;")
        #expect(ShellHistory(file: file).entries == ["SELECT 1;", "SELECT a,\n  b\\c FROM t;"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test func theOldestEntriesGoPastTheLimit() throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent().deletingLastPathComponent()) }
        var history = ShellHistory(file: file, limit: 3)
        for number in 1...5 { try history.add("SELECT \(number);") }
        #expect(history.entries == ["SELECT 3;", "SELECT 4;", "SELECT 5;"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "SELECT 3;\nSELECT 4;\nSELECT 5;\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(arguments: [
        #"EXEC google.iam.keys.create @parent='p' @@json='{"privateKeyData":"x"}'"#,
        "SELECT * FROM t WHERE h = 'Authorization: Bearer ya29.abcdefgh'",
        #"SELECT json_extract('{"access_token":"ya29.abcdefgh"}', '$.a')"#,
        "stackq --auth '{\"google\":{}}'",
        " SELECT 'kept out by its leading space'",
        "SELECT 'password' AS p",
    ])
    func entriesThatMayHoldSecretsAreNotStored(entry: String) {
        #expect(!ShellHistory.isStorable(entry, redactor: Redactor()))
    }

    @Test func aCredentialTheEngineHoldsKeepsTheEntryOut() {
        let redactor = Redactor()
        redactor.register("s3cr3t-value-123")
        #expect(!ShellHistory.isStorable("SELECT 's3cr3t-value-123'", redactor: redactor))
        #expect(ShellHistory.isStorable("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p';", redactor: redactor))
    }
}
