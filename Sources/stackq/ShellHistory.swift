import Foundation
import StackQ

/// The shell's history file, `~/.stackq/history`: one entry per line (a multi-line statement is one entry, its
/// newlines written `\n` and backslashes `\\`), the newest last, at most ``limit`` entries kept.
///
/// Each entry is appended to the file; the file is rewritten with the newest ``limit`` entries only once it holds
/// twice as many lines, so a statement costs one short write however long the history is.
///
/// The folder is created with mode 0700 and the file with 0600, and narrowed to those modes when found wider. An
/// entry is kept out of the history when ``isStorable(_:redactor:)`` says it may hold a secret.
struct ShellHistory {
    static let defaultLimit = 5_000
    /// The largest history file read (twice ``defaultLimit`` entries of a few KB); a larger one is left unread.
    static let maximumFileBytes = 64 << 20

    let file: URL
    let limit: Int
    /// The entries, oldest first.
    private(set) var entries: [String] = []
    /// How many lines the file holds (entries beyond ``limit`` until the next compaction).
    private var linesInFile = 0

    /// `$HOME/.stackq/history`.
    static func defaultFile(home: URL = HomeFolder.url) -> URL {
        home.appendingPathComponent(".stackq").appendingPathComponent("history")
    }

    /// Opens the history at `file`, reading what it holds (nothing when it does not exist yet) and narrowing the
    /// file to 0600 and its folder to 0700 when they are open to others.
    init(file: URL, limit: Int = ShellHistory.defaultLimit) {
        self.file = file
        self.limit = max(1, limit)
        ShellHistory.narrow(file.deletingLastPathComponent().path, to: 0o700)
        ShellHistory.narrow(file.path, to: 0o600)
        if let data = try? BoundedFile.read(file.path, limit: ShellHistory.maximumFileBytes, what: "a history file") {
            entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { ShellHistory.decode($0) }
            linesInFile = entries.count
            if entries.count > self.limit { entries.removeFirst(entries.count - self.limit) }
        }
    }

    /// Markers of a secret in a line, matched in lower case with white space left out (`secret = '…'`).
    static let secretMarkers = ["@@json", "--auth", "authorization", "password", "passwd=", "secret=", "api_key=",
                                "ya29.", "1//", "aiza"]

    /// Whether `entry` may be written to the history file. Not when it:
    /// - starts with a space (the shells' way to keep one line out of the history);
    /// - contains, in any case, `@@json` (a request body, where keys and passwords travel), `--auth`,
    ///   `authorization`, `password`, `passwd=`, `secret=` or `api_key=`, or the start of a Google access
    ///   token (`ya29.`), refresh token (`1//`) or API key (`AIza`);
    /// - holds anything the engine's redactor hides: a credential the engine has registered (in any encoding,
    ///   or a fragment of one), `Bearer …`, a `"token": "…"`-like member, `access_token=…`, a private key.
    static func isStorable(_ entry: String, redactor: Redactor) -> Bool {
        guard !entry.hasPrefix(" "), !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
        let squeezed = String(entry.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        for marker in secretMarkers where squeezed.contains(marker) {
            return false
        }
        return redactor.redact(entry) == entry
    }

    /// Appends `entry` (unless it repeats the newest one) to the file; once the file holds twice ``limit`` lines
    /// it is rewritten with the newest ``limit`` entries.
    /// - Throws: ``ShellError`` when the folder or the file cannot be written.
    mutating func add(_ entry: String) throws {
        guard entries.last != entry else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        try createFolder()
        if linesInFile + 1 > 2 * limit {
            try rewrite()
            linesInFile = entries.count
        } else {
            try append(ShellHistory.encode(entry) + "\n")
            linesInFile += 1
        }
    }

    /// Clears the group and other permission bits of `path` when any is set (nothing when it does not exist).
    private static func narrow(_ path: String, to mode: mode_t) {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
        chmod(path, mode)
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
