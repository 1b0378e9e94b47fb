import NIOCore

/// What the executor does with answers it cannot take as they are: errors, bad pages, odd tokens, redirects.
extension CallRunner {
    /// Pages followed per call when no page limit is given; reaching it is announced like `--page-limit`.
    static let defaultPageCap = 10_000
    /// Same-origin redirects followed for one request.
    static let maximumRedirects = 5

    /// Text from outside (server messages, transport errors) as it may be shown: every credential redacted and
    /// every control character escaped.
    func outsideText(_ text: String) -> String {
        TerminalText.escapingControls(redactor.redact(text))
    }

    /// The ``APIError`` for a response that failed for good.
    func apiError(from response: HTTPResponse, call: PreparedCall, attempts: Int) -> APIError {
        let decoded = APIError.decode(body: Array(response.body.readableBytesView))
        return APIError(httpStatus: response.status, status: decoded.status.map(outsideText), message: outsideText(decoded.message),
                        method: call.qualifiedMethodName, parameters: call.displayedParameters, attempts: attempts)
    }

    /// The error with its reason made safe to show.
    func cleaned(_ error: TransportError) -> TransportError {
        var error = error
        error.reason = outsideText(error.reason)
        return error
    }

    /// Throws ``InvalidResponseError`` unless the body of a 200 can be a page of the call's rows.
    func validatePage(_ response: HTTPResponse, call: PreparedCall, pageNumber: Int) throws {
        let problem = response.body.withUnsafeReadableBytes { raw in
            PageShape.problem(in: raw, objectKey: call.method.response.objectKey, tokenName: call.method.pagination?.responseToken)
        }
        guard let problem else { return }
        let start = String(decoding: response.body.readableBytesView.prefix(60), as: UTF8.self)
        throw InvalidResponseError(method: call.qualifiedMethodName, parameters: call.displayedParameters, page: pageNumber,
                                   problem: problem.message, offset: problem.offset,
                                   contentType: response.header("Content-Type").map(outsideText),
                                   bodyStart: response.body.readableBytes == 0 ? nil : "'\(outsideText(start))'")
    }

    /// The error for a page token the server already gave: its pages go round in a cycle.
    func repeatedTokenError(_ token: String, call: PreparedCall, pageNumber: Int) -> InvalidResponseError {
        let shown = outsideText(String(token.prefix(60)))
        return InvalidResponseError(method: call.qualifiedMethodName, parameters: call.displayedParameters, page: pageNumber,
                                    problem: "it gave the page token '\(shown)' a second time, so its pages go round in a cycle and the rows would be incomplete")
    }

    /// The text of member `key` when it is a JSON number, as written (`2`, `1e3`).
    static func numericMember(_ key: String, ofObjectAt start: Int, in scanner: JSONScanner) -> String? {
        guard let at = try? scanner.memberStart(key, ofObjectAt: start), at < scanner.bytes.count else { return nil }
        let first = scanner.bytes[at]
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
              let end = try? scanner.endOfValue(at) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[at..<end]), as: UTF8.self)
    }

    /// Where a 3xx sends the request next, or nil when `response` is no redirect. Only same-origin redirects are
    /// followed, at most ``maximumRedirects`` times: a request carries credentials, and another origin must not
    /// get them (nor answer for the API).
    func redirectTarget(of response: HTTPResponse, from url: String, originalURL: String, followed: inout Int) throws -> String? {
        guard [301, 302, 303, 307, 308].contains(response.status) else { return nil }
        let location = response.header("Location") ?? ""
        let shown = outsideText(location)
        guard let target = URLParts.resolve(location, against: url), let to = URLParts(target), let from = URLParts(originalURL) else {
            throw TransportError(url: url, reason: "HTTP \(response.status) redirect to '\(shown)', which is not a URL", kind: .redirect)
        }
        guard to.origin == from.origin else {
            throw TransportError(url: url, reason: "HTTP \(response.status) redirect to another origin (Location: \(shown)): not followed, because API requests carry credentials; point --endpoint at the API's real address",
                                 kind: .redirect)
        }
        followed += 1
        guard followed <= CallRunner.maximumRedirects else {
            throw TransportError(url: url, reason: "more than \(CallRunner.maximumRedirects) redirects (the last to \(shown))", kind: .redirect)
        }
        return target
    }

    /// False for failures that sending again cannot mend: a name that does not resolve or a refused connection
    /// to a host that has never answered, a response over the size cap.
    func mayRetryAfter(_ error: TransportError) -> Bool {
        switch error.kind {
        case .cannotResolve, .connectionRefused: hosts.hasAnswered(error.url)
        case .responseTooLarge, .redirect: false
        case .timedOut, .other: true
        }
    }

    /// Waits before a retry; a wait longer than a second is announced through `onRetry`.
    func pause(_ delay: Duration, call: PreparedCall, attempt: Int, cause: String) async throws {
        if delay > .seconds(1), let onRetry {
            onRetry("\(call.qualifiedMethodName): \(cause); retrying in \(TransportFailureClassifier.seconds(delay)) (attempt \(attempt + 1) of \(retry.maximumAttempts))")
        }
        try await Task.sleep(for: delay)
    }
}
