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
        for number in 1...7 { try history.add("SELECT \(number);") }
        #expect(history.entries == ["SELECT 5;", "SELECT 6;", "SELECT 7;"])
        #expect(ShellHistory(file: file, limit: 3).entries == ["SELECT 5;", "SELECT 6;", "SELECT 7;"])
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count <= 6)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Issue 32 item 4: a statement appends one line; the file is rewritten once per `limit` statements, not for
    /// every statement once the history is full. Counted by the file's inode, which a rewrite replaces.
    @Test func aFullHistoryAppendsAndCompactsRarely() throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent().deletingLastPathComponent()) }
        func inode() -> UInt64 {
            var status = stat()
            return stat(file.path, &status) == 0 ? UInt64(status.st_ino) : 0
        }
        var history = ShellHistory(file: file, limit: 100)
        var rewrites = 0
        var lastInode: UInt64 = 0
        var longestFile = 0
        for number in 1...1_000 {
            try history.add("SELECT \(number);")
            let now = inode()
            if lastInode != 0, now != lastInode { rewrites += 1 }
            lastInode = now
            longestFile = max(longestFile, try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count)
        }
        #expect(rewrites >= 1 && rewrites <= 10)
        #expect(longestFile <= 200)
        #expect(ShellHistory(file: file, limit: 100).entries == (901...1_000).map { "SELECT \($0);" })
    }

    @Test func aHistoryOpenToOthersIsNarrowed() throws {
        let file = Self.temporaryFile()
        let folder = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try Data("SELECT 1;\n".utf8).write(to: file)
        chmod(file.path, 0o644)
        #expect(ShellHistory(file: file).entries == ["SELECT 1;"])
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700)
    }

    @Test(arguments: [
        #"EXEC google.iam.keys.create @parent='p' @@json='{"privateKeyData":"x"}'"#,
        "SELECT * FROM t WHERE h = 'Authorization: Bearer ya29.abcdefgh'",
        #"SELECT json_extract('{"access_token":"ya29.abcdefgh"}', '$.a')"#,
        "stackq --auth '{\"google\":{}}'",
        " SELECT 'kept out by its leading space'",
        "SELECT 'password' AS p",
        "SELECT * FROM t WHERE token = 'ya29.a0Af'",
        "SELECT '1//0gLrNv'",
        "SELECT * FROM google.x.y WHERE key = 'AIzaSyD'",
        "SELECT * FROM t WHERE url = 'https://h/?API_KEY=abc'",
        "UPDATE t SET client_Secret = 'x' WHERE a = 1",
        "SELECT 'user:passwd=hunter2'",
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

    @Test func aRegisteredCredentialInAnyEncodingKeepsTheEntryOut() {
        let redactor = Redactor()
        let token = "opaque-0123456789-abcdefghij/klmnop"
        redactor.register(token)
        for written in [token, token.replacingOccurrences(of: "/", with: "%2F"), String(token.dropFirst(5).prefix(16)),
                        Data(token.utf8).base64EncodedString()] {
            #expect(!ShellHistory.isStorable("SELECT * FROM t WHERE x = '\(written)'", redactor: redactor), "\(written)")
        }
    }
}
