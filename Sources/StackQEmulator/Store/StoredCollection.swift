import StackQ

/// One stored resource: its id, its place in list order, and the exact bytes served for it.
///
/// Only the bytes are kept (re-serialized when the resource changes); the JSON tree is parsed again when a filter
/// or a mutation needs it, so lists are served by concatenating bytes.
struct StoredItem: Sendable {
    var sequence: Int
    var id: String
    var bytes: [UInt8]

    /// The parsed resource.
    var value: JSONValue {
        (try? JSONValue(parsing: bytes)) ?? .object([])
    }
}

/// The resources of one collection (`projects/p/locations/l/sessions`), in insertion order.
struct StoredCollection: Sendable {
    /// Ascending by sequence.
    private(set) var items: [StoredItem] = []
    private var sequences: [String: Int] = [:]

    var count: Int { items.count }

    subscript(id: String) -> StoredItem? {
        guard let sequence = sequences[id], let index = position(of: sequence) else { return nil }
        return items[index]
    }

    /// Appends an item; the caller guarantees `sequence` is larger than any before.
    mutating func append(_ item: StoredItem) {
        items.append(item)
        sequences[item.id] = item.sequence
    }

    mutating func replace(id: String, bytes: [UInt8]) {
        guard let sequence = sequences[id], let index = position(of: sequence) else { return }
        items[index].bytes = bytes
    }

    mutating func remove(id: String) {
        guard let sequence = sequences.removeValue(forKey: id), let index = position(of: sequence) else { return }
        items.remove(at: index)
    }

    /// The index of the first item with a sequence greater than `sequence`.
    func firstIndex(after sequence: Int) -> Int {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].sequence <= sequence { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func position(of sequence: Int) -> Int? {
        let index = firstIndex(after: sequence - 1)
        return index < items.count && items[index].sequence == sequence ? index : nil
    }
}
