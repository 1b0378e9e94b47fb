import StackQ

extension JSONValue {
    /// The members of an object, or nil.
    var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Sets `key` of an object, replacing it in place or appending it; does nothing to non-objects.
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        self = .object(members)
    }

    /// Removes `key` from an object.
    mutating func remove(_ key: String) {
        guard case .object(var members) = self else { return }
        members.removeAll { $0.key == key }
        self = .object(members)
    }

    /// The value at a dotted field path (`labels.env`), trying each step's camelCase form for snake_case input.
    func value(atPath path: some StringProtocol) -> JSONValue? {
        var current: JSONValue? = self
        for step in path.split(separator: ".") {
            let key = String(step)
            current = current?[key] ?? current?[JSONValue.camelCase(key)]
        }
        return current
    }

    /// `job_state` → `jobState`.
    static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        var result = ""
        var upper = false
        for character in key {
            if character == "_" {
                upper = true
            } else {
                result.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return result
    }

    /// The compact JSON bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }
}
