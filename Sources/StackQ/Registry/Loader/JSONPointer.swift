import Foundation

/// JSON pointers as StackQL documents write them: `#/paths/~1v1~1projects~1{projectsId}/get`.
enum JSONPointer {
    /// The reference tokens of a pointer, unescaped (`~1` → `/`, `~0` → `~`, percent-escapes decoded).
    static func tokens(_ pointer: String) -> [String] {
        var utf8 = Substring(pointer).utf8
        if utf8.first == UInt8(ascii: "#") { utf8 = utf8.dropFirst() }
        if utf8.first == UInt8(ascii: "/") { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty else { return [] }
        var result: [String] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                result.append(unescape(String(Substring(utf8[start..<index]))))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(unescape(String(Substring(utf8[start..<utf8.endIndex]))))
        return result
    }

    /// The last reference token of a pointer (`…/methods/projects_locations_sessions_get` → the method name).
    static func lastToken(_ pointer: String) -> String {
        guard let slash = pointer.utf8.lastIndex(of: UInt8(ascii: "/")) else { return unescape(pointer) }
        return unescape(String(Substring(pointer.utf8[pointer.utf8.index(after: slash)...])))
    }

    /// One unescaped reference token.
    ///
    /// Scans bytes rather than calling Foundation's string search: loading a large service resolves
    /// thousands of pointers, and `String.contains(_:)` from Foundation dominated that time.
    static func unescape(_ token: String) -> String {
        var hasTilde = false
        var hasPercent = false
        for byte in token.utf8 {
            if byte == UInt8(ascii: "~") { hasTilde = true } else if byte == UInt8(ascii: "%") { hasPercent = true }
        }
        var result = token
        if hasPercent { result = result.removingPercentEncoding ?? result }
        guard hasTilde else { return result }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(result.utf8.count)
        var iterator = result.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "~") else {
                bytes.append(byte)
                continue
            }
            switch iterator.next() {
            case UInt8(ascii: "1"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "0"): bytes.append(UInt8(ascii: "~"))
            case let other?: bytes.append(byte); bytes.append(other)
            case nil: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One token escaped for use in a pointer.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The value the pointer designates inside `document`, or nil.
    static func resolve(_ pointer: String, in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens(pointer) {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
