import Foundation
import Hummingbird
import StackQ

/// Answers every request: the token endpoint, the `/_emulator/` control paths, and the API itself, routed
/// generically from the registry's methods.
struct EmulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    static let maximumBodySize = 16 * 1024 * 1024

    let routes: RouteTable
    let store: EmulatorStore
    let configuration: EmulatorConfiguration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/token" {
            return try await token(request)
        }
        if path == EmulatorResponder.metadataTokenPath {
            return await metadataToken(request)
        }
        if path.hasPrefix(EmulatorResponder.impersonationPrefix), path.hasSuffix(EmulatorResponder.impersonationSuffix) {
            return await generateAccessToken(request)
        }
        if path.hasPrefix("/_emulator/") {
            return await control(path: path, method: request.method)
        }
        if path.hasPrefix(EmulatorResponder.discoveryPrefix), !configuration.discoveryDocuments.isEmpty {
            return discovery(path: path, host: request.head.authority ?? "127.0.0.1")
        }
        return await api(request)
    }

    // MARK: API

    private func api(_ request: Request) async -> Response {
        let latency = await store.drawLatency()
        if latency > .zero { try? await Task.sleep(for: latency) }

        let httpMethod = request.method.rawValue
        let match = routes.match(httpMethod: httpMethod, path: request.uri.path)
        let operation = match == nil ? OperationPath(path: request.uri.path, httpMethod: httpMethod) : nil
        let methodName = match?.route.method.name ?? operation?.methodName ?? "unmatched"
        do {
            let principal = try await authenticate(request)
            await store.record(principal: principal)
            if let refusal = await store.quotaOrStormFault(path: request.uri.path) { throw refusal }
            if let fault = await store.drawFault() {
                throw APIError.fault(fault, retryAfter: configuration.retryAfterSeconds)
            }
            if let match, match.route.role == .list, match.route.method.pagination?.responseTokenLocation == .header {
                return try await linkPagedList(match, request: request, methodName: methodName)
            }
            let body: ByteBuffer
            if let match {
                body = try await serve(match, request: request, principal: principal)
            } else if let operation {
                body = ByteBuffer(bytes: try await serve(operation))
            } else {
                throw APIError.notFound("The requested URL \(request.uri.path) was not found on this server.")
            }
            await store.record(method: methodName, status: 200, bytes: body.readableBytes)
            return EmulatorResponder.json(status: 200, buffer: body)
        } catch let error as APIError {
            await store.record(method: methodName, status: error.code)
            var response = EmulatorResponder.json(status: error.code, error.body)
            if let retryAfter = error.retryAfter {
                response.headers[.retryAfter] = String(retryAfter)
            }
            if error.code == 401 {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"https://accounts.google.com/\""
            }
            return response
        } catch {
            await store.record(method: methodName, status: 500)
            return EmulatorResponder.json(status: 500, APIError(code: 500, status: "INTERNAL", message: "\(error)").body)
        }
    }

    func authenticate(_ request: Request) async throws -> String {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let principal = await store.principal(forToken: String(parts[1].drop { $0 == " " }))
        else {
            throw APIError.unauthenticated("Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.")
        }
        return principal
    }

    private func serve(_ match: RouteTable.Match, request: Request, principal: String) async throws -> ByteBuffer {
        let route = match.route
        try EmulatorResponder.validateName(match)
        let query = FormDecoding.decode(request.uri.query ?? "")
        let name = match.resourceName
        if route.collectionName == "operations", let operation = OperationPath(route: route, name: name) {
            return ByteBuffer(bytes: try await serve(operation))
        }
        let fields = try query["fields"].map { fields throws(APIError) in try FieldSelector(fields) }
        let bytes: [UInt8]
        switch route.role {
        case .list where route.aggregatedMember != nil:
            return try await store.aggregatedList(route: route, name: name, pageSize: query["maxResults"] ?? query["pageSize"],
                                                  pageToken: query["pageToken"])
        case .list:
            return try await store.list(route: route, collection: name, pageSize: query["pageSize"],
                                        pageToken: query["pageToken"], filter: query["filter"], fields: fields)
        case .get:
            let (collection, id) = EmulatorResponder.split(name)
            bytes = try await store.get(collection: collection, id: id, fields: fields)
        case .create:
            let body = try await EmulatorResponder.body(of: request)
            bytes = try await store.create(route: route, collection: name, requestedID: route.idParameter.flatMap { query[$0] },
                                           body: body ?? .object([]), requestID: query["requestId"], creator: principal)
        case .delete:
            let (collection, id) = EmulatorResponder.split(name)
            bytes = try await store.delete(route: route, collection: collection, id: id, requestID: query["requestId"])
        case .update:
            let (collection, id) = EmulatorResponder.split(name)
            let body = try await EmulatorResponder.body(of: request)
            bytes = try await store.update(route: route, collection: collection, id: id, body: body ?? .object([]),
                                           updateMask: query["updateMask"])
        case .custom(let verb):
            let (collection, id) = EmulatorResponder.split(name)
            let body = try await EmulatorResponder.body(of: request)
            if let body { await store.record(body: body, method: route.method.name) }
            let requestID = query["requestId"] ?? body?["requestId"]?.stringValue
            bytes = try await store.custom(route: route, verb: verb, collection: collection, id: id, requestID: requestID)
        }
        return ByteBuffer(bytes: bytes)
    }

    private func serve(_ operation: OperationPath) async throws -> [UInt8] {
        switch operation.action {
        case .get, .wait: return try await store.pollOperation(name: operation.name)
        case .cancel: return try await store.cancelOperation(name: operation.name)
        case .delete: return try await store.deleteOperation(name: operation.name)
        case .list: return await store.listOperations(parent: operation.name)
        }
    }

    // MARK: Token endpoint and control

    private func token(_ request: Request) async throws -> Response {
        guard request.method == .post else {
            return EmulatorResponder.json(status: 405, TokenError(status: 405, code: "invalid_request", message: "Use POST.").body)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: EmulatorResponder.maximumBodySize)
        let form = String(buffer: buffer)
        let host = request.head.authority ?? "127.0.0.1"
        do {
            let body = try await TokenEndpoint(configuration: configuration)
                .exchange(form: form, tokenURL: "http://\(host)/token", store: store)
            await store.record(method: "token", status: 200)
            var response = EmulatorResponder.json(status: 200, body)
            response.headers[.cacheControl] = "no-store"
            return response
        } catch {
            await store.record(method: "token", status: error.status)
            return EmulatorResponder.json(status: error.status, error.body)
        }
    }

    private func control(path: String, method: HTTPRequest.Method) async -> Response {
        switch (path, method) {
        case ("/_emulator/stats", .get):
            return EmulatorResponder.json(status: 200, await store.statsJSON())
        case ("/_emulator/reset", .post):
            await store.reset()
            return EmulatorResponder.json(status: 200, Array("{}".utf8))
        default:
            return EmulatorResponder.json(status: 404, APIError.notFound("No emulator control path \(path).").body)
        }
    }

    // MARK: Helpers

    static func json(status: Int, _ bytes: [UInt8]) -> Response {
        json(status: status, buffer: ByteBuffer(bytes: bytes))
    }

    static func json(status: Int, buffer: ByteBuffer) -> Response {
        Response(status: .init(code: status),
                        headers: [.contentType: "application/json; charset=UTF-8"],
                        body: .init(byteBuffer: buffer))
    }

    /// The parsed JSON body, nil when empty; INVALID_ARGUMENT when it is not JSON.
    static func body(of request: Request) async throws -> JSONValue? {
        var request = request
        let buffer = try await request.collectBody(upTo: maximumBodySize)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONValue(parsing: buffer.readableBytesView)
        } catch {
            throw APIError.invalidArgument("Invalid JSON payload received. \(error)")
        }
    }

    /// `projects/p/sessions/s` → (`projects/p/sessions`, `s`).
    static func split(_ name: String) -> (collection: String, id: String) {
        guard let slash = name.lastIndex(of: "/") else { return ("", name) }
        return (String(name[..<slash]), String(name[name.index(after: slash)...]))
    }

    /// Path variables must be non-empty and use only letters, digits and `-._~@`.
    static func validateName(_ match: RouteTable.Match) throws(APIError) {
        for (segment, value) in zip(match.route.template.segments, match.segments) {
            guard case .variable(let variable, _) = segment else { continue }
            let valid = !value.isEmpty && value.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
                    || b == UInt8(ascii: "~") || b == UInt8(ascii: "@")
            }
            guard valid else {
                throw .invalidArgument("Invalid resource name \"\(match.resourceName)\": malformed \(variable) \"\(value)\".")
            }
        }
    }
}
