import StackQ

extension EmulatorStore {
    /// Creates a resource from a request body and returns its Operation.
    ///
    /// Checks the body (an object, known fields, required ones), takes the id from the method's id parameter or
    /// generates one, drops client values of output-only fields and sets the server's. With a `requestId` seen
    /// before, returns that request's operation and creates nothing.
    func create(route: Route, collection: String, requestedID: String?, body: JSONValue, requestID: String?,
                creator: String) throws(APIError) -> [UInt8]
    {
        let idempotencyKey = requestID.map { "\(route.method.name)|\(collection)|\($0)" }
        if let operation = earlierOperation(idempotencyKey) { return operation.json.bytes }
        guard case .object = body else {
            throw .invalidArgument("Invalid JSON payload received: the request body must be a JSON object.")
        }
        try checkFields(of: body, route: route)
        let kind = route.kind
        let id: String
        if let requestedID, !requestedID.isEmpty {
            guard EmulatorStore.isValidID(requestedID) else {
                throw .invalidArgument("Invalid \(route.idParameter ?? "id") \"\(requestedID)\": use 1-63 lowercase letters, digits and hyphens, starting with a letter or digit.")
            }
            id = requestedID
        } else {
            id = kind?.numericIDs == true ? String(random.next() % 9_000_000_000_000_000 + 1_000_000_000_000_000)
                                          : "emu-" + random.hex(8)
        }
        let name = "\(collection)/\(id)"
        guard collections[collection]?[id] == nil else {
            throw .alreadyExists("Resource '\(name)' already exists.")
        }

        let time = timestamp
        var resource = JSONValue.object([("name", .string(name))])
        for member in body.objectMembers ?? [] where !isOutputOnly(member.key, route: route) {
            resource.set(member.key, member.value)
        }
        if let uuidField = kind?.uuidField { resource.set(uuidField, .string(random.uuid())) }
        resource.set("createTime", .string(time))
        if let creatorField = kind?.creatorField { resource.set(creatorField, .string(creator)) }
        var states: [String] = []
        if let kind {
            states = kind.createStates
            resource.set(kind.stateField, .string(states[0]))
            if kind.tracksStateHistory { resource.set("stateTime", .string(time)) }
            if kind.tracksUpdateTime { resource.set("updateTime", .string(time)) }
            kind.onState(states[0], name, &resource)
        }
        insert(collection: collection, id: id, bytes: resource.bytes)

        let failure = body["labels"]?["emulator-fail"]?.stringValue
        let operation = startOperation(verb: "create", name: name, resource: resource, route: route,
                                       effect: .advance(collection: collection, id: id, states: states), failure: failure)
        if let idempotencyKey { requestIDs[idempotencyKey] = operation.name }
        return operation.json.bytes
    }

    /// Starts deleting a resource; it disappears when the returned Operation completes.
    func delete(route: Route, collection: String, id: String, requestID: String?) throws(APIError) -> [UInt8] {
        let name = "\(collection)/\(id)"
        let idempotencyKey = requestID.map { "\(route.method.name)|\(name)|\($0)" }
        if let operation = earlierOperation(idempotencyKey) { return operation.json.bytes }
        var resource = try storedResource(collection: collection, id: id)
        if let kind = route.kind, let deleting = kind.deletingState,
           let state = resource[kind.stateField]?.stringValue, !kind.terminalStates.contains(state) {
            setState(deleting, of: &resource, kind: kind, name: name)
            collections[collection]?.replace(id: id, bytes: resource.bytes)
        }
        guard route.method.isAwaitable || route.kind != nil else {
            collections[collection]?.remove(id: id)
            return Array("{}".utf8)
        }
        let operation = startOperation(verb: "delete", name: name, resource: resource, route: route,
                                       effect: .remove(collection: collection, id: id))
        if let idempotencyKey { requestIDs[idempotencyKey] = operation.name }
        return operation.json.bytes
    }

    /// A custom method (`:terminate`): a state transition when the kind defines one, otherwise an Operation (or
    /// the resource, for methods that are not awaitable) that changes nothing.
    func custom(route: Route, verb: String, collection: String, id: String, requestID: String?) throws(APIError) -> [UInt8] {
        let name = "\(collection)/\(id)"
        let idempotencyKey = requestID.map { "\(route.method.name)|\(name)|\($0)" }
        if let operation = earlierOperation(idempotencyKey) { return operation.json.bytes }
        var resource = try storedResource(collection: collection, id: id)
        var states: [String] = []
        if let kind = route.kind, let transition = kind.transitions[verb] {
            let state = resource[kind.stateField]?.stringValue ?? ""
            guard transition.allowedFrom.contains(state) else {
                throw .failedPrecondition("Cannot \(verb) \(name) in state \(state.isEmpty ? "unknown" : state).")
            }
            states = transition.states
            setState(states[0], of: &resource, kind: kind, name: name)
            collections[collection]?.replace(id: id, bytes: resource.bytes)
        }
        guard route.method.isAwaitable || !states.isEmpty else { return resource.bytes }
        let operation = startOperation(verb: verb, name: name, resource: resource, route: route,
                                       effect: .advance(collection: collection, id: id, states: states))
        if let idempotencyKey { requestIDs[idempotencyKey] = operation.name }
        return operation.json.bytes
    }

    /// Merges the body's writable fields (those in `updateMask`, when given) into a resource.
    func update(route: Route, collection: String, id: String, body: JSONValue, updateMask: String?) throws(APIError) -> [UInt8] {
        let name = "\(collection)/\(id)"
        var resource = try storedResource(collection: collection, id: id)
        guard case .object(let members) = body else {
            throw .invalidArgument("Invalid JSON payload received: the request body must be a JSON object.")
        }
        try checkFields(of: body, route: route, checkRequired: false)
        let mask = updateMask.map { Set($0.split(separator: ",").map { JSONValue.camelCase(String($0.split(separator: ".")[0])) }) }
        for member in members where !isOutputOnly(member.key, route: route) && (mask?.contains(member.key) ?? true) {
            resource.set(member.key, member.value)
        }
        if route.kind?.tracksUpdateTime == true { resource.set("updateTime", .string(timestamp)) }
        collections[collection]?.replace(id: id, bytes: resource.bytes)
        guard route.method.isAwaitable else { return resource.bytes }
        let operation = startOperation(verb: "update", name: name, resource: resource, route: route,
                                       effect: .advance(collection: collection, id: id, states: []))
        return operation.json.bytes
    }

    // MARK: Helpers

    /// `[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`
    static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            && isAlphanumeric(bytes[0]) && isAlphanumeric(bytes[bytes.count - 1])
    }

    func isOutputOnly(_ field: String, route: Route) -> Bool {
        if ResourceKind.outputOnlyFields.contains(field) { return true }
        guard let schema = route.requestSchema, let property = schema.property(named: field) else { return false }
        if case .inline(let inline) = property.schema { return inline.isReadOnly }
        return false
    }

    /// Unknown top-level fields and missing required ones are INVALID_ARGUMENT, as Google's JSON decoding does.
    func checkFields(of body: JSONValue, route: Route, checkRequired: Bool = true) throws(APIError) {
        let members = body.objectMembers ?? []
        if let schema = route.requestSchema, !schema.properties.isEmpty {
            for member in members where schema.property(named: member.key) == nil {
                throw .invalidArgument("Invalid JSON payload received. Unknown name \"\(member.key)\": Cannot find field.")
            }
            if checkRequired {
                for field in schema.required where !isOutputOnly(field, route: route) && body[field] == nil {
                    throw .invalidArgument("Required field \"\(field)\" is missing.")
                }
            }
        }
        guard checkRequired else { return }
        for group in route.kind?.requiredOneOf ?? [] where !group.contains(where: { body[$0] != nil }) {
            throw .invalidArgument("One of \(group.joined(separator: ", ")) is required.")
        }
    }

    /// Moves a resource to `state`, recording the previous state in `stateHistory` where the kind keeps one.
    func setState(_ state: String, of resource: inout JSONValue, kind: ResourceKind, name: String) {
        let time = timestamp
        if kind.tracksStateHistory {
            var history: [JSONValue] = []
            if case .array(let existing) = resource["stateHistory"] ?? .null { history = existing }
            if let previous = resource[kind.stateField] {
                var entry: [(key: String, value: JSONValue)] = [("state", previous)]
                if let since = resource["stateTime"] { entry.append(("stateStartTime", since)) }
                history.append(.object(entry))
            }
            resource.set("stateHistory", .array(history))
            resource.set(kind.stateField, .string(state))
            resource.set("stateTime", .string(time))
        } else {
            resource.set(kind.stateField, .string(state))
        }
        if kind.tracksUpdateTime { resource.set("updateTime", .string(time)) }
        kind.onState(state, name, &resource)
    }
}

extension EmulatorStore {
    /// The operation an earlier request with the same idempotency key (method, target, requestId) started.
    func earlierOperation(_ idempotencyKey: String?) -> OperationRecord? {
        guard let idempotencyKey, let existing = requestIDs[idempotencyKey] else { return nil }
        return operations[existing]
    }

    /// The stored resource `collection/id`, or NOT_FOUND.
    func storedResource(collection: String, id: String) throws(APIError) -> JSONValue {
        guard let item = collections[collection]?[id] else {
            throw .notFound("Resource '\(collection)/\(id)' was not found.")
        }
        return item.value
    }
}
