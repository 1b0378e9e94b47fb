/// Whether a 200 response body can be a page of a method's rows: valid JSON first, then the shape — the row
/// array where the method says it is, or an object (or array) for a method whose body is the row.
enum PageShape {
    /// Members a list page may carry without its row array: Google leaves the array out of an empty page.
    static let membersOfAnEmptyPage: Set<String> = ["nextPageToken", "unreachable", "kind", "etag", "selfLink",
                                                    "totalSize", "warning", "warnings", "unreachableLocations"]

    /// What is wrong with `bytes` as a page, and where; nil when it is a page.
    static func problem(in bytes: UnsafeRawBufferPointer, objectKey: String?, tokenName: String?) -> (message: String, offset: Int?)? {
        do {
            try JSONValidator.validate(bytes)
        } catch {
            return ("not valid JSON: \(error.message)", error.offset)
        }
        let scanner = JSONScanner(bytes)
        let start = scanner.skipWhitespace(0)
        let path = objectKey.map(PageRows.pathComponents) ?? []
        guard !path.isEmpty else {
            guard bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") else {
                return ("expected a resource object (or an array of them), found \(kind(of: bytes[start]))", start)
            }
            return nil
        }
        // A `*` walks every member of a map (aggregatedList's `items.*.instances`): the map must be an object, and
        // what each member holds is the row reader's to take or leave.
        let mapped = path.firstIndex(of: "*")
        var position = start
        for key in path.prefix(upTo: mapped ?? path.count) {
            guard bytes[position] == UInt8(ascii: "{") else {
                return ("expected an object holding '\(key)', found \(kind(of: bytes[position]))", position)
            }
            guard let next = try? scanner.memberStart(key, ofObjectAt: position) else {
                let names = memberNames(ofObjectAt: position, in: scanner)
                let unexpected = names.filter { !membersOfAnEmptyPage.contains($0) && $0 != tokenName }
                if unexpected.isEmpty { return nil }
                let shown = unexpected.prefix(5).map { "'\(TerminalText.escapingControls($0))'" }.joined(separator: ", ")
                return ("no '\(key)' member where the rows should be (it has \(shown))", position)
            }
            position = next
        }
        if mapped != nil {
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "n"): return nil
            default: return ("'\(objectKey ?? "")' walks a map, but the map is \(kind(of: bytes[position])), not an object", position)
            }
        }
        switch bytes[position] {
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "n"): return nil
        default: return ("'\(objectKey ?? "")' is \(kind(of: bytes[position])), not an array of rows", position)
        }
    }

    static func memberNames(ofObjectAt position: Int, in scanner: JSONScanner) -> [String] {
        var names: [String] = []
        _ = try? scanner.forEachMember(ofObjectAt: position) { keyRange, _, _ in
            names.append(String(decoding: scanner.unescaped(keyRange), as: UTF8.self))
        }
        return names
    }

    /// `a string`, `null`, `a number`…, for messages.
    static func kind(of firstByte: UInt8) -> String {
        switch firstByte {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "{"): "an object"
        default: "a number"
        }
    }
}
