/// Accessors used when reading registry documents.
extension JSONValue {
    /// The members of an object, in order; empty for anything else.
    var members: [(key: String, value: JSONValue)] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The elements of an array; empty for anything else.
    var elements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The boolean payload (also accepting the strings `true`/`false`), or nil.
    var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text): return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }

    /// A scalar rendered as text (strings as they are, numbers without a needless `.0`), or nil.
    var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// True for an object value.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The object's members by key (last one wins), for large objects looked up many times.
    var memberDictionary: [String: JSONValue] {
        var dictionary: [String: JSONValue] = [:]
        dictionary.reserveCapacity(members.count)
        for member in members { dictionary[member.key] = member.value }
        return dictionary
    }
}
