import StackQ

/// Finds the registry method for a request by HTTP verb and path, through a trie of path segments
/// (literal segments before `{variable}` ones, backtracking when a literal branch fails).
struct RouteTable: Sendable {
    /// A request matched to a route: the path segments (percent-decoded, custom verb removed).
    struct Match: Sendable {
        var route: Route
        var segments: [String]

        /// The resource name: the segments after the version prefix (`projects/p/locations/l/sessions/s`).
        var resourceName: String {
            segments[route.template.versionPrefixLength...].joined(separator: "/")
        }

        /// The segments after the version prefix.
        var nameSegments: ArraySlice<String> {
            segments[route.template.versionPrefixLength...]
        }
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var variable: Int?
        /// Routes ending here, by `HTTPMETHOD:verb`.
        var endpoints: [String: Route] = [:]
    }

    private var nodes: [Node] = [Node()]

    /// Builds the table from every method of every resource of `services`; the first method wins a path.
    init(services: [ProviderService]) {
        for service in services {
            for resource in service.resources {
                for method in resource.methods {
                    guard let route = Route(method: method, service: service) else { continue }
                    insert(route)
                }
            }
        }
    }

    var isEmpty: Bool { nodes.count == 1 }

    private mutating func insert(_ route: Route) {
        var current = 0
        for segment in route.template.segments {
            switch segment {
            case .literal(let text), .mixed(let text):
                if let next = nodes[current].literals[text] {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].literals[text] = nodes.count - 1
                    current = nodes.count - 1
                }
            case .variable:
                if let next = nodes[current].variable {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].variable = nodes.count - 1
                    current = nodes.count - 1
                }
            }
        }
        let key = RouteTable.endpointKey(route.method.httpMethod, route.template.customVerb, route.template.extensionSuffix)
        if nodes[current].endpoints[key] == nil {
            nodes[current].endpoints[key] = route
        }
    }

    private static func endpointKey(_ httpMethod: String, _ verb: String?, _ suffix: String? = nil) -> String {
        httpMethod.uppercased() + ":" + (verb ?? "") + (suffix.map { "|" + $0 } ?? "")
    }

    /// The route for `httpMethod` and a raw request path (`/v1/projects/p/sessions/s:terminate`), or nil.
    func match(httpMethod: String, path: String) -> Match? {
        var raw = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if raw.first == "" { raw.removeFirst() }
        if raw.count > 1, raw.last == "" { raw.removeLast() }
        guard let last = raw.popLast() else { return nil }
        var candidates: [(String, String?, String?)] = [(last, nil, nil)]
        if let colon = last.lastIndex(of: ":") {
            candidates.insert((String(last[..<colon]), String(last[last.index(after: colon)...]), nil), at: 0)
        }
        if let dot = last.lastIndex(of: "."), dot > last.startIndex {
            candidates.append((String(last[..<dot]), nil, String(last[dot...])))
        }
        for (lastSegment, verb, suffix) in candidates {
            let segments = (raw + [lastSegment]).map { $0.removingPercentEncodingOrSelf }
            if let route = find(segments, 0, 0, RouteTable.endpointKey(httpMethod, verb, suffix)) {
                return Match(route: route, segments: segments)
            }
        }
        return nil
    }

    private func find(_ segments: [String], _ index: Int, _ node: Int, _ key: String) -> Route? {
        if index == segments.count { return nodes[node].endpoints[key] }
        if let next = nodes[node].literals[segments[index]], let route = find(segments, index + 1, next, key) {
            return route
        }
        if let next = nodes[node].variable { return find(segments, index + 1, next, key) }
        return nil
    }
}

extension String {
    /// The path segment with `%XX` escapes decoded.
    var removingPercentEncodingOrSelf: String {
        PercentDecoding.decode(self, plusIsSpace: false)
    }
}
