import StackQ
/// A request on the long-running operations collection (`…/operations/{id}`, `…/operations/{id}:cancel`,
/// `…/operations`), served from the emulator's own operations whether or not the registry lists them.
struct OperationPath: Sendable {
    enum Action: String, Sendable { case get, delete, cancel, wait, list }

    var action: Action
    /// The operation's name, or the parent for ``Action/list``.
    var name: String

    /// The stats name for requests no registry method matched (`operations.get`).
    var methodName: String { "operations.\(action.rawValue)" }

    /// Recognises a raw request path (version prefix, percent-encoding and custom verb included).
    init?(path: String, httpMethod: String) {
        var segments = path.split(separator: "/").map { String($0).removingPercentEncodingOrSelf }
        if let first = segments.first, PathTemplate.isVersion(first) { segments.removeFirst() }
        var verb: String?
        if let last = segments.last, let colon = last.lastIndex(of: ":") {
            verb = String(last[last.index(after: colon)...])
            segments[segments.count - 1] = String(last[..<colon])
        }
        self.init(segments: segments, verb: verb, httpMethod: httpMethod)
    }

    /// Recognises a matched registry route on an `operations` collection.
    init?(route: Route, name: String) {
        self.init(segments: name.split(separator: "/").map(String.init), verb: route.template.customVerb,
                  httpMethod: route.method.httpMethod)
    }

    private init?(segments: [String], verb: String?, httpMethod: String) {
        let method = httpMethod.uppercased()
        if segments.last == "operations", verb == nil, method == "GET" {
            action = .list
            name = segments.dropLast().joined(separator: "/")
            return
        }
        guard segments.count >= 2, segments[segments.count - 2] == "operations" else { return nil }
        name = segments.joined(separator: "/")
        switch (method, verb) {
        case ("GET", nil): action = .get
        case ("DELETE", nil): action = .delete
        case ("POST", "cancel"): action = .cancel
        case ("POST", "wait"): action = .wait
        default: return nil
        }
    }
}
