import NIOCore
import StackQ

extension EmulatorStore {
    /// One page of a collection: `{"<listKey>":[…],"nextPageToken":"…"}`, or `{}` when nothing matches; with
    /// `fields`, only the members it selects.
    func list(route: Route, collection: String, pageSize: String?, pageToken: String?, filter filterText: String?,
              fields: FieldSelector? = nil) throws(APIError) -> ByteBuffer
    {
        completeTimedOperations()
        var size = configuration.defaultPageSize
        if let pageSize, !pageSize.isEmpty {
            guard let requested = Int(pageSize), requested >= 0 else {
                throw .invalidArgument("Invalid value for pageSize: \"\(pageSize)\" (expected a non-negative integer).")
            }
            if let limit = configuration.rejectsPageSizeAbove, requested > limit {
                throw .invalidArgument("Invalid value for pageSize: \(requested) is more than \(limit).")
            }
            if requested > 0 { size = min(requested, configuration.maximumPageSize) }
        }
        let filterText = route.acceptsFilter ? (filterText ?? "") : ""
        let filter = filterText.isEmpty ? nil : try ListFilter(filterText)
        let fingerprint = PageToken.fingerprint(collection: collection, filter: filterText)
        let (page, after) = try EmulatorStore.position(of: pageToken, fingerprint: fingerprint)
        try checkPaginationFault(collection: collection, page: page)

        let stored = collections[collection] ?? StoredCollection()
        let start = stored.firstIndex(after: after)
        var selected: [Int] = []
        var hasMore = false
        if let filter {
            var index = start
            while index < stored.items.count {
                if filter.matches(stored.items[index].value) {
                    if selected.count == size {
                        hasMore = true
                        break
                    }
                    selected.append(index)
                }
                index += 1
            }
        } else {
            let end = min(start + size, stored.items.count)
            selected = Array(start..<end)
            hasMore = end < stored.items.count
        }
        guard let lastIndex = selected.last else { return ByteBuffer(string: "{}") }

        var bodySize = 64 + route.listKey.utf8.count
        for index in selected { bodySize += stored.items[index].bytes.count + 1 }
        var out = ByteBufferAllocator().buffer(capacity: bodySize)
        out.writeInteger(UInt8(ascii: "{"))
        if fields?.selects(route.listKey) ?? true {
            let keep = fields?.inner(route.listKey).map(FieldSelector.names)
            out.writeString("\"")
            out.writeString(route.listKey)
            out.writeString("\":[")
            for (position, index) in selected.enumerated() {
                if position > 0 { out.writeInteger(UInt8(ascii: ",")) }
                if let keep {
                    FieldSelector.project(stored.items[index].bytes, keeping: keep, to: &out)
                } else {
                    out.writeBytes(stored.items[index].bytes)
                }
            }
            out.writeInteger(UInt8(ascii: "]"))
        }
        if hasMore, fields?.selects("nextPageToken") ?? true {
            let token = PageToken(page: page + 1, afterSequence: stored.items[lastIndex].sequence, fingerprint: fingerprint)
            if out.readableBytes > 1 { out.writeInteger(UInt8(ascii: ",")) }
            out.writeString("\"nextPageToken\":\"")
            out.writeString(token.text)
            out.writeInteger(UInt8(ascii: "\""))
        }
        out.writeInteger(UInt8(ascii: "}"))
        return out
    }

    /// The page number and the sequence to continue after that a page token stands for; (1, 0) without one.
    /// A token issued for another list (another collection or filter) is refused.
    static func position(of pageToken: String?, fingerprint: UInt64) throws(APIError) -> (page: Int, after: Int) {
        guard let pageToken, !pageToken.isEmpty else { return (1, 0) }
        guard let token = PageToken(pageToken), token.fingerprint == fingerprint else {
            throw .invalidArgument("Invalid page token: it was not issued for this list request.")
        }
        return (token.page, token.afterSequence)
    }

    private func checkPaginationFault(collection: String, page: Int) throws(APIError) {
        for rule in configuration.paginationFaults where rule.page == page {
            if let part = rule.collectionContaining, !collection.contains(part) { continue }
            let key = "\(collection)|\(page)"
            if rule.always || !firedPaginationFaults.contains(key) {
                firedPaginationFaults.insert(key)
                throw .fault(rule.fault, retryAfter: configuration.retryAfterSeconds)
            }
        }
    }

    /// The bytes of one resource (with `fields`, only the top-level members it selects), or NOT_FOUND.
    func get(collection: String, id: String, fields: FieldSelector? = nil) throws(APIError) -> [UInt8] {
        completeTimedOperations()
        guard let item = collections[collection]?[id] else {
            throw .notFound("Resource '\(collection)/\(id)' was not found.")
        }
        guard let fields else { return item.bytes }
        var out = ByteBufferAllocator().buffer(capacity: item.bytes.count)
        FieldSelector.project(item.bytes, keeping: FieldSelector.names(Set(fields.members.keys)), to: &out)
        return Array(out.readableBytesView)
    }
}
