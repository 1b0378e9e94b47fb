import Foundation
import StackQ

/// Reads a script's text (from `-e`, `-f` or standard input) and refuses bytes that are not UTF-8, with the
/// offset of the first bad byte, rather than turning them into U+FFFD and sending them to an API.
enum ScriptInput {
    /// A script that is not valid UTF-8.
    struct InvalidText: Error, CustomStringConvertible {
        var source: String
        var offset: Int

        var description: String { "\(source) is not valid UTF-8: the first bad byte is at byte offset \(offset)" }
    }

    /// The most a script may hold; more is refused rather than read (`/dev/zero` never ends).
    static let maximumBytes = 64 << 20

    /// The script in the file at `path`, read for what it is: a regular file, a FIFO or pipe (`-f <(…)`,
    /// `-f /dev/stdin`), a device.
    /// - Throws: ``StackQ/BoundedFile/Failure`` saying why it cannot be read; ``InvalidText``.
    static func readFile(_ path: String) throws -> String {
        try decode(try BoundedFile.read(path, limit: maximumBytes, what: "a script"), source: path)
    }

    /// The script on standard input.
    static func readStandardInput() throws -> String {
        let bytes = try BoundedFile.read(descriptor: STDIN_FILENO, path: "standard input", limit: maximumBytes,
                                         what: "a script")
        return try decode(bytes, source: "standard input")
    }

    /// The UTF-8 byte-order mark some editors write at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The text of `bytes` without a leading byte-order mark, or ``InvalidText`` naming `source` and the first
    /// bad byte.
    static func decode(_ bytes: [UInt8], source: String) throws -> String {
        if let offset = firstInvalidOffset(bytes) { throw InvalidText(source: source, offset: offset) }
        let text = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(byteOrderMark.count) : bytes[...]
        return String(decoding: text, as: UTF8.self)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil when all are valid.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Checks the raw command-line arguments, which Swift has already decoded (replacing bad bytes).
    static func checkArguments() throws {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            _ = try decode(bytes, source: "command-line argument \(index)")
        }
    }
}
