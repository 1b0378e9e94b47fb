import Foundation

/// JSON pointers as StackQL documents write them: `#/paths/~1v1~1projects~1{projectsId}/get`.
enum JSONPointer {
    /// The reference tokens of a pointer, unescaped (`~1` → `/`, `~0` → `~`, percent-escapes decoded).
    static func tokens(_ pointer: String) -> [String] {
        var text = Substring(pointer)
        if text.hasPrefix("#") { text = text.dropFirst() }
        if text.hasPrefix("/") { text = text.dropFirst() }
        guard !text.isEmpty else { return [] }
        return text.split(separator: "/", omittingEmptySubsequences: false).map { unescape(String($0)) }
    }

    /// One unescaped reference token.
    static func unescape(_ token: String) -> String {
        var result = token
        if result.contains("%") { result = result.removingPercentEncoding ?? result }
        if result.contains("~") {
            result = result.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return result
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
