import StackQ

extension EmulatorStore {
    /// One page of a collection: `{"<listKey>":[…],"nextPageToken":"…"}`, or `{}` when nothing matches.
    func list(route: Route, collection: String, pageSize: String?, pageToken: String?, filter filterText: String?)
        throws(APIError) -> [UInt8]
    {
        var size = configuration.defaultPageSize
        if let pageSize, !pageSize.isEmpty {
            guard let requested = Int(pageSize), requested >= 0 else {
                throw .invalidArgument("Invalid value for pageSize: \"\(pageSize)\" (expected a non-negative integer).")
            }
            if requested > 0 { size = min(requested, configuration.maximumPageSize) }
        }
        let filterText = route.acceptsFilter ? (filterText ?? "") : ""
        let filter = filterText.isEmpty ? nil : try ListFilter(filterText)
        let fingerprint = PageToken.fingerprint(collection: collection, filter: filterText)
        var page = 1
        var after = 0
        if let pageToken, !pageToken.isEmpty {
            guard let token = PageToken(pageToken), token.fingerprint == fingerprint else {
                throw .invalidArgument("Invalid page token: it was not issued for this list request.")
            }
            page = token.page
            after = token.afterSequence
        }
        try checkPaginationFault(collection: collection, page: page)

        let stored = collections[collection] ?? StoredCollection()
        var index = stored.firstIndex(after: after)
        var selected: [StoredItem] = []
        var hasMore = false
        while index < stored.items.count {
            let item = stored.items[index]
            index += 1
            if let filter, !filter.matches(item.value) { continue }
            if selected.count == size {
                hasMore = true
                break
            }
            selected.append(item)
        }
        if selected.isEmpty { return Array("{}".utf8) }

        var out: [UInt8] = []
        out.reserveCapacity(selected.reduce(64 + route.listKey.utf8.count) { $0 + $1.bytes.count + 1 })
        out.append(UInt8(ascii: "{"))
        JSONValue.writeString(route.listKey, to: &out)
        out.append(contentsOf: Array(":[".utf8))
        for (position, item) in selected.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item.bytes)
        }
        out.append(UInt8(ascii: "]"))
        if hasMore, let last = selected.last {
            let token = PageToken(page: page + 1, afterSequence: last.sequence, fingerprint: fingerprint)
            out.append(contentsOf: Array(",\"nextPageToken\":\"".utf8))
            out.append(contentsOf: Array(token.text.utf8))
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return out
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

    /// The bytes of one resource, or NOT_FOUND.
    func get(collection: String, id: String) throws(APIError) -> [UInt8] {
        guard let item = collections[collection]?[id] else {
            throw .notFound("Resource '\(collection)/\(id)' was not found.")
        }
        return item.bytes
    }
}
