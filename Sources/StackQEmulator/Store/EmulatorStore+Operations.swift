import StackQ
import Foundation

extension EmulatorStore {
    /// Records a new operation on `name` (`projects/p/locations/l/operations/<uuid>`); with
    /// ``EmulatorConfiguration/operationPolls`` 0 it completes at once.
    func startOperation(verb: String, name: String, resource: JSONValue, route: Route,
                        effect: OperationRecord.Effect, failure: String? = nil) -> OperationRecord
    {
        let collection = name.split(separator: "/").dropLast().joined(separator: "/")
        let parent = collection.split(separator: "/").dropLast().joined(separator: "/")
        // Vertex AI names a job's operations under the job; most services under the location.
        let operationName = route.kind?.namesOperationsUnderResource == true
            ? name + "/operations/" + random.uuid()
            : (parent.isEmpty ? "" : parent + "/") + "operations/" + random.uuid()
        let time = timestamp
        let metadata = route.kind?.metadata(verb, name, resource, time)
            ?? ResourceKind.genericMetadata(verb: verb, name: name, time: time)
        let responseType: String
        if let kind = route.kind {
            responseType = kind.resourceType
        } else if case .ref(let schemaName) = route.method.requestBody?.schema {
            responseType = "type.googleapis.com/\(schemaName)"
        } else {
            responseType = "type.googleapis.com/\(route.collectionName)"
        }
        var record = OperationRecord(name: operationName, metadata: metadata, effect: effect, kind: route.kind,
                                     responseType: responseType, pollsNeeded: configuration.operationPolls)
        record.startedAt = now
        record.failure = failure
        if record.pollsNeeded <= 0, configuration.operationDuration == nil { complete(&record) }
        operations[operationName] = record
        operationNames.append(operationName)
        return record
    }

    /// The operation named `name`, advanced by one poll.
    func pollOperation(name: String) throws(APIError) -> [UInt8] {
        guard var record = operations[name] else {
            throw .notFound("Operation '\(name)' was not found.")
        }
        if !record.done {
            record.pollsTaken += 1
            if record.pollsTaken >= record.pollsNeeded || hasRunItsCourse(record) {
                complete(&record)
            } else if case .advance(let collection, let id, let states) = record.effect, states.count > 2,
                      let kind = record.kind {
                let state = states[min(record.pollsTaken, states.count - 2)]
                updateResource(collection: collection, id: id) { resource in
                    if resource[kind.stateField]?.stringValue != state {
                        setState(state, of: &resource, kind: kind, name: "\(collection)/\(id)")
                    }
                }
            }
            operations[name] = record
        }
        return record.json.bytes
    }

    /// Cancels an unfinished operation (it completes with error CANCELLED, its resource left as it is).
    func cancelOperation(name: String) throws(APIError) -> [UInt8] {
        guard var record = operations[name] else {
            throw .notFound("Operation '\(name)' was not found.")
        }
        if !record.done {
            record.done = true
            record.error = .object([("code", .number(1)), ("message", .string("Operation was cancelled."))])
            operations[name] = record
        }
        return Array("{}".utf8)
    }

    /// Forgets an operation.
    func deleteOperation(name: String) throws(APIError) -> [UInt8] {
        guard operations.removeValue(forKey: name) != nil else {
            throw .notFound("Operation '\(name)' was not found.")
        }
        operationNames.removeAll { $0 == name }
        return Array("{}".utf8)
    }

    /// The operations under `parent` (`projects/p/locations/l`), oldest first: `{"operations":[…]}`.
    func listOperations(parent: String) -> [UInt8] {
        let prefix = parent.isEmpty ? "operations/" : parent + "/operations/"
        let matching = operationNames.filter { $0.hasPrefix(prefix) }.compactMap { operations[$0]?.json }
        if matching.isEmpty { return Array("{}".utf8) }
        return JSONValue.object([("operations", .array(matching))]).bytes
    }

    /// True when ``EmulatorConfiguration/operationDuration`` has passed since the operation started.
    func hasRunItsCourse(_ record: OperationRecord) -> Bool {
        guard let duration = configuration.operationDuration else { return false }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return now.timeIntervalSince(record.startedAt) >= seconds
    }

    /// Completes every operation whose duration has passed, so resources change state with time, polled or not.
    func completeTimedOperations() {
        guard configuration.operationDuration != nil else { return }
        for name in operationNames {
            guard var record = operations[name], !record.done, hasRunItsCourse(record) else { continue }
            complete(&record)
            operations[name] = record
        }
    }

    private func complete(_ record: inout OperationRecord) {
        record.done = true
        if let failure = record.failure {
            record.error = .object([("code", .number(9)), ("message", .string(failure)), ("status", .string("FAILED_PRECONDITION"))])
            if case .advance(let collection, let id, _) = record.effect { collections[collection]?.remove(id: id) }
            return
        }
        switch record.effect {
        case .advance(let collection, let id, let states):
            var final = collections[collection]?[id]?.value
            if let kind = record.kind, let state = states.last {
                updateResource(collection: collection, id: id) { resource in
                    if resource[kind.stateField]?.stringValue != state {
                        setState(state, of: &resource, kind: kind, name: "\(collection)/\(id)")
                    }
                    final = resource
                }
            }
            var response: [(key: String, value: JSONValue)] = [("@type", .string(record.responseType))]
            response.append(contentsOf: final?.objectMembers ?? [])
            record.response = .object(response)
        case .remove(let collection, let id):
            collections[collection]?.remove(id: id)
            record.response = .object([("@type", .string("type.googleapis.com/google.protobuf.Empty"))])
        }
    }

    private func updateResource(collection: String, id: String, _ change: (inout JSONValue) -> Void) {
        guard var resource = collections[collection]?[id]?.value else { return }
        change(&resource)
        collections[collection]?.replace(id: id, bytes: resource.bytes)
    }
}
