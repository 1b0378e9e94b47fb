import Foundation
import StackQ

/// The shell's history file, `~/.stackq/history`: one entry per line (a multi-line statement is one entry, its
/// newlines written `\n` and backslashes `\\`), the newest last, at most ``limit`` entries.
///
/// The folder is created with mode 0700 and the file with 0600. An entry is kept out of the history when
/// ``isStorable(_:redactor:)`` says it may hold a secret.
struct ShellHistory {
    static let defaultLimit = 5_000

    let file: URL
    let limit: Int
    /// The entries, oldest first.
    private(set) var entries: [String] = []

    /// `$HOME/.stackq/history`.
    static func defaultFile(home: URL = HomeFolder.url) -> URL {
        home.appendingPathComponent(".stackq").appendingPathComponent("history")
    }

    /// Opens the history at `file`, reading what it holds (nothing when it does not exist yet).
    init(file: URL, limit: Int = ShellHistory.defaultLimit) {
        self.file = file
        self.limit = max(1, limit)
        if let data = FileManager.default.contents(atPath: file.path) {
            entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { ShellHistory.decode($0) }
            if entries.count > self.limit { entries.removeFirst(entries.count - self.limit) }
        }
    }

    /// Whether `entry` may be written to the history file. Not when it:
    /// - starts with a space (the shells' way to keep one line out of the history);
    /// - contains `@@json` (a request body, where keys and passwords travel);
    /// - contains `--auth`, `authorization` or `password` (any case);
    /// - holds anything the engine's redactor hides: a credential the engine has read, `Bearer …`, a
    ///   `"token": "…"`-like member, `access_token=…`, a private key.
    static func isStorable(_ entry: String, redactor: Redactor) -> Bool {
        guard !entry.hasPrefix(" "), !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
        let lowered = entry.lowercased()
        for marker in ["@@json", "--auth", "authorization", "password"] where lowered.contains(marker) {
            return false
        }
        return redactor.redact(entry) == entry
    }

    /// Appends `entry` (unless it repeats the newest one) and writes it to the file; past ``limit`` the oldest
    /// entries are dropped and the file rewritten.
    /// - Throws: ``ShellError`` when the folder or the file cannot be written.
    mutating func add(_ entry: String) throws {
        guard entries.last != entry else { return }
        entries.append(entry)
        try createFolder()
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            try rewrite()
        } else {
            try append(ShellHistory.encode(entry) + "\n")
        }
    }

    private func createFolder() throws {
        let folder = file.deletingLastPathComponent()
        guard !FileManager.default.fileExists(atPath: folder.path) else { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ShellError("cannot create \(folder.path) for the shell history: \(error.localizedDescription)")
        }
    }

    private func append(_ text: String) throws {
        let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        try writeAll(text, to: descriptor)
    }

    /// Writes every entry to a new file (mode 0600) and moves it over the old one.
    private func rewrite() throws {
        let temporary = file.path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open") }
        do {
            try writeAll(entries.map { ShellHistory.encode($0) + "\n" }.joined(), to: descriptor)
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, file.path) == 0 else {
            unlink(temporary)
            throw failure("replace")
        }
    }

    private func writeAll(_ text: String, to descriptor: Int32) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private func failure(_ action: String) -> ShellError {
        ShellError("cannot \(action) the shell history \(file.path): \(String(cString: strerror(errno)))")
    }

    /// One entry as one line: `\` → `\\`, newline → `\n`, carriage return → `\r`.
    static func encode(_ entry: String) -> String {
        var out = ""
        for character in entry {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func decode(_ line: Substring) -> String {
        var out = ""
        var escaped = false
        for character in line {
            if escaped {
                switch character {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
