import Foundation
import NIOCore
import StackQ

/// Google's `fields` system parameter (partial responses), as the emulator honours it: `sessions(name,state),
/// nextPageToken` keeps those members of each listed item and the page token; `name,state` keeps those members
/// of a get's resource. Selection is by top-level member: a nested form (`runtimeInfo/endpoints`,
/// `config(a,b)` on a non-list member) keeps the whole top-level member.
struct FieldSelector: Sendable, Equatable {
    /// Top-level member → the members kept of each element of its array (nil: the whole member).
    private(set) var members: [String: Set<String>?] = [:]

    /// Parses `fields`; INVALID_ARGUMENT for unbalanced parentheses or an empty name.
    init(_ text: String) throws(APIError) {
        var parser = Parser(text: Array(text.utf8))
        for (name, inner) in try parser.list(closing: nil) { keep(name, inner) }
    }

    private mutating func keep(_ name: String, _ inner: Set<String>?) {
        switch (members[name], inner) {
        case (nil, _): members[name] = inner
        case (.some(.some(let existing)), .some(let more)): members[name] = existing.union(more)
        default: members[name] = .some(nil)
        }
    }

    /// True when the member `name` is selected (whole or in part).
    func selects(_ name: String) -> Bool { members[name] != nil }

    /// The members kept of the elements of the member `name`: nil for all of them.
    func inner(_ name: String) -> Set<String>? { members[name] ?? nil }

    /// Writes the object `bytes` with only the top-level members named in `keep` (UTF-8 names, each once).
    static func project(_ bytes: [UInt8], keeping keep: [[UInt8]], to out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "{"))
        bytes.withUnsafeBytes { raw in
            var found = 0
            var scanner = MemberScanner(bytes: raw)
            // The members of an object are distinct: once every kept one is written, the rest need no reading.
            while found < keep.count, let (key, member) = scanner.next() {
                let name = UnsafeRawBufferPointer(rebasing: raw[key])
                guard keep.contains(where: { $0.elementsEqual(name) }) else { continue }
                if found > 0 { out.writeInteger(UInt8(ascii: ",")) }
                found += 1
                out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[member]))
            }
        }
        out.writeInteger(UInt8(ascii: "}"))
    }

    /// The UTF-8 names of a set of member names, for ``project(_:keeping:to:)``.
    static func names(_ members: Set<String>) -> [[UInt8]] {
        members.map { Array($0.utf8) }
    }

    /// `name`, `a/b`, `a(b,c)`, comma-separated.
    private struct Parser {
        let text: [UInt8]
        var position = 0

        mutating func list(closing: UInt8?) throws(APIError) -> [(String, Set<String>?)] {
            var items: [(String, Set<String>?)] = []
            while true {
                skipSpaces()
                let start = position
                while position < text.count, !",()".utf8.contains(text[position]) { position += 1 }
                let path = String(decoding: text[start..<position], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard let name = path.split(separator: "/").first.map(String.init), !name.isEmpty else {
                    throw .invalidArgument("Invalid field selection \(String(decoding: text, as: UTF8.self))")
                }
                var inner: Set<String>? = nil
                if position < text.count, text[position] == UInt8(ascii: "(") {
                    position += 1
                    let members = try list(closing: UInt8(ascii: ")"))
                    inner = path.contains("/") ? nil : Set(members.map(\.0))
                }
                items.append((name, path.contains("/") ? nil : inner))
                skipSpaces()
                if position == text.count {
                    guard closing == nil else { throw .invalidArgument("Invalid field selection: missing ')'") }
                    return items
                }
                if text[position] == UInt8(ascii: ",") { position += 1; continue }
                guard text[position] == closing else { throw .invalidArgument("Invalid field selection: unexpected '\(Character(Unicode.Scalar(text[position])))'") }
                position += 1
                return items
            }
        }

        mutating func skipSpaces() {
            while position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
        }
    }
}

/// The top-level members of a JSON object the emulator serialized, each as the byte range of its key (inside the
/// quotes) and of the whole `"key":value` member.
private struct MemberScanner {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        position = (bytes.firstIndex(of: UInt8(ascii: "{")) ?? bytes.count) + 1
    }

    mutating func next() -> (Range<Int>, Range<Int>)? {
        skip { $0 == UInt8(ascii: ",") || MemberScanner.isSpace($0) }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position
        let keyEnd = endOfString(position)
        let key = (start + 1)..<max(start + 1, keyEnd - 1)
        position = keyEnd
        skip { $0 == UInt8(ascii: ":") || MemberScanner.isSpace($0) }
        position = endOfValue(position)
        return (key, start..<position)
    }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
    }

    /// The index after the closing quote of the string whose opening quote is at `i` (the end when it has none).
    func endOfString(_ i: Int) -> Int {
        (try? JSONScanner(bytes).endOfString(i).end) ?? bytes.count
    }

    /// The index just past the value starting at `i` (the end when it is malformed).
    func endOfValue(_ i: Int) -> Int {
        (try? JSONScanner(bytes).endOfValue(i)) ?? bytes.count
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
