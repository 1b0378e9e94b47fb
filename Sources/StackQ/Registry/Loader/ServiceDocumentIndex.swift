import Foundation

/// Where everything in a JSON service document is, so one resource can be loaded without parsing the rest.
///
/// Built by scanning the document's bytes (``JSONScanner``): the byte ranges of every member of `paths`,
/// `components.schemas|parameters|responses|requestBodies` and `components.x-stackQL-resources`, and each
/// resource's SQL name. ``subdocument(forResource:)`` then parses the resource, follows every `$ref` it and the
/// parsed parts hold (to paths, components, schemas, transitively) and returns a document with only those parts,
/// which ``ServiceDocumentLoader`` turns into a ``ProviderService`` whose one resource, servers, endpoints and reachable
/// schemas are the same values a load of the whole document gives.
///
/// For `DESCRIBE google.aiplatform.notebook_execution_jobs` that is a few dozen kilobytes parsed out of 3 MB.
struct ServiceDocumentIndex: Sendable {
    /// The version of ``subdocument(forResource:)``'s rule, part of the key of the subdocuments cached on disk: a
    /// change to what a subdocument holds changes it, so no older cached subdocument is read.
    static let version = 1

    /// The maps of `components` that are filtered to what a resource needs; other members are kept whole.
    static let filteredComponents: Set<String> = ["schemas", "parameters", "responses", "requestBodies",
                                                  "x-stackQL-resources"]
    /// The maps a `$ref` can lead to, besides `paths`.
    private static let referencedComponents = ["schemas", "parameters", "responses", "requestBodies"]

    /// A member found by the scan: its key and where its value is.
    struct Member: Sendable {
        var key: String
        var range: Range<Int>
    }

    /// A map (`paths`, `components.schemas`, …): its members in order, and the positions of each key.
    struct Map: Sendable {
        var members: [Member] = []
        var positions: [String: [Int]] = [:]

        init(_ members: [Member]) {
            self.members = members
            for (position, member) in members.enumerated() { positions[member.key, default: []].append(position) }
        }
    }

    /// The document's bytes.
    let bytes: Data
    /// Top-level members, in order.
    let topLevel: [Member]
    /// Members of `components`, in order (the filtered maps included, as ranges).
    let components: [Member]
    /// `paths`.
    let paths: Map
    /// The filtered maps of `components`, by name.
    let maps: [String: Map]
    /// Each member of `x-stackQL-resources` with its SQL name (`name`, else the key), in order.
    let resourceNames: [String]

    /// Scans `bytes`.
    ///
    /// - Throws: ``JSONParseError`` when the document's outline is not a JSON object holding objects
    ///   where `paths`, `components` and their maps are; the caller then loads the document the ordinary way.
    init(bytes: Data) throws {
        self.bytes = bytes
        let scanned = try bytes.withUnsafeBytes { raw in
            let scanner = JSONScanner(raw)
            let top = try scanner.members(ofObjectAt: scanner.documentRange().lowerBound).map { Member(key: $0.key, range: $0.value) }
            func members(_ range: Range<Int>?) throws -> [Member] {
                guard let range else { return [] }
                return try scanner.members(ofObjectAt: range.lowerBound).map { Member(key: $0.key, range: $0.value) }
            }
            let components = try members(top.first { $0.key == "components" }?.range)
            var maps: [String: Map] = [:]
            for name in Self.filteredComponents {
                maps[name] = Map(try members(components.first { $0.key == name }?.range))
            }
            var names: [String] = []
            for resource in maps["x-stackQL-resources"]?.members ?? [] {
                let nameRange = try scanner.members(ofObjectAt: resource.range.lowerBound).first { $0.key == "name" }?.value
                let name = try nameRange.map { try JSONValue(parsing: scanner.bytes[$0]) }
                names.append(name?.scalarText ?? resource.key)
            }
            return (top, components, Map(try members(top.first { $0.key == "paths" }?.range)), maps, names)
        }
        (topLevel, components, paths, maps, resourceNames) = scanned
    }

    /// A document holding only what the resource named `name` needs, or nil when the document has no resource
    /// of that name or more than one.
    ///
    /// - Throws: ``JSONParseError`` when a part it needs is not valid JSON.
    func subdocument(forResource name: String) throws -> JSONValue? {
        let matches = resourceNames.indices.filter { resourceNames[$0] == name }
        guard matches.count == 1 else { return nil }
        var needed: [String: Set<Int>] = ["x-stackQL-resources": [matches[0]]]
        var parsed: [String: [Int: JSONValue]] = [:]
        var pending: [(map: String, position: Int)] = [("x-stackQL-resources", matches[0])]
        while let (mapName, position) = pending.popLast() {
            let map = mapName == "paths" ? paths : maps[mapName]!
            let value = try parse(map.members[position].range)
            parsed[mapName, default: [:]][position] = value
            var references: [String] = []
            Self.collectReferences(in: value, into: &references)
            for reference in references {
                for (target, key) in targets(of: reference) {
                    let targetMap = target == "paths" ? paths : maps[target]
                    for found in targetMap?.positions[key] ?? [] {
                        if needed[target, default: []].insert(found).inserted { pending.append((target, found)) }
                    }
                }
            }
        }
        func filtered(_ mapName: String, _ map: Map) -> JSONValue {
            let positions = (needed[mapName] ?? []).sorted()
            return .object(positions.map { (map.members[$0].key, parsed[mapName]![$0]!) })
        }
        var componentMembers: [(key: String, value: JSONValue)] = []
        for member in components {
            if let map = maps[member.key] {
                componentMembers.append((member.key, filtered(member.key, map)))
            } else {
                componentMembers.append((member.key, try parse(member.range)))
            }
        }
        var top: [(key: String, value: JSONValue)] = []
        var seen: Set<String> = []
        for member in topLevel {
            let first = seen.insert(member.key).inserted
            switch member.key {
            case "paths" where first: top.append((member.key, filtered("paths", paths)))
            case "components" where first: top.append((member.key, .object(componentMembers)))
            case "paths", "components": continue
            default: top.append((member.key, try parse(member.range)))
            }
        }
        return .object(top)
    }

    /// The map entries a `$ref` can stand for, under every reading the loader applies: the pointer's own path
    /// (`#/paths/<path>/…`, `#/components/<map>/<name>/…`), and a component named by its last token.
    private func targets(of reference: String) -> [(String, String)] {
        var result: [(String, String)] = []
        let tokens = JSONPointer.tokens(reference)
        if tokens.count >= 2, tokens[0] == "paths" { result.append(("paths", tokens[1])) }
        if tokens.count >= 3, tokens[0] == "components", Self.referencedComponents.contains(tokens[1]) {
            result.append((tokens[1], tokens[2]))
        }
        let last = JSONPointer.lastToken(reference)
        for map in Self.referencedComponents { result.append((map, last)) }
        result.append(("schemas", SchemaConverter.referencedName(reference)))
        return result
    }

    private func parse(_ range: Range<Int>) throws -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            try JSONValue(parsing: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
        }
    }

    /// Every `$ref` string in `value`, at any depth.
    private static func collectReferences(in value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let members):
            for member in members {
                if member.key == "$ref", case .string(let target) = member.value {
                    references.append(target)
                } else {
                    collectReferences(in: member.value, into: &references)
                }
            }
        case .array(let elements):
            for element in elements { collectReferences(in: element, into: &references) }
        default:
            break
        }
    }
}
