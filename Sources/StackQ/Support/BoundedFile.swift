import Foundation

/// Reads a file for what it is — a regular file, a pipe or FIFO (`-f <(…)`, `/dev/stdin`), a terminal or another
/// device — up to a limit, and says plainly why it cannot: no such file, permission denied, a folder, too long, a
/// device that never ends. Scripts, credential files, the shell history and registry documents are read with it,
/// so that none is read whole however large it is, and no message is Foundation's "error 256".
package enum BoundedFile {
    /// Why a file could not be read, in words for the user.
    package struct Failure: Error, CustomStringConvertible, LocalizedError {
        package var path: String
        package var reason: String

        package var description: String { "cannot read \(path): \(reason)" }
        package var errorDescription: String? { description }
    }

    /// The bytes of the file at `path`, at most `limit` of them.
    ///
    /// - Parameter what: what the file is to be, for the message when it is too long (`a script`).
    /// - Throws: ``Failure`` when the file cannot be opened or read, is a folder, or holds more than `limit` bytes.
    package static func read(_ path: String, limit: Int, what: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, path: path, limit: limit, what: what)
    }

    /// The bytes an open descriptor gives until its end, at most `limit` of them (`path` names it in messages).
    package static func read(descriptor: Int32, path: String, limit: Int, what: String) throws -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path: path, reason: reason(errno)) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw Failure(path: path, reason: "it is a folder, not a file") }
        let tooLong = "it is longer than \(describe(bytes: limit)), the most \(what) may be"
        if kind == S_IFREG, status.st_size > limit { throw Failure(path: path, reason: tooLong) }
        var bytes: [UInt8] = []
        if kind == S_IFREG { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: reason(errno))
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else {
                let endless = kind == S_IFCHR || kind == S_IFIFO || kind == S_IFSOCK
                throw Failure(path: path, reason: endless
                    ? "it gave more than \(describe(bytes: limit)) without ending, more than \(what) may be" : tooLong)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// `errno` in words (`no such file`, `permission denied`).
    package static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder, not a file"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// `64 MiB`, `1 MiB`, `512 KiB`, `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
