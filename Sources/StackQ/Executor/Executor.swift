import NIOCore

/// Runs planned calls: concurrently under one bound, every page, retrying what may be retried.
struct Executor: Sendable {
    let transport: any HTTPTransport
    let authenticator: Authenticator
    let retry: RetryPolicy
    let timeout: Duration
    let userAgent: String

    /// Sends one request of a call, retrying 429/5xx and transport errors when the call is idempotent.
    /// Returns the final successful response; a final failure throws ``APIError`` or ``TransportError``.
    func send(_ call: PreparedCall, url: String, outcome: inout CallOutcome) async throws -> HTTPResponse {
        var headers = call.headers
        headers.append(("User-Agent", userAgent))
        if let authorization = try authenticator.authorization(for: call.provider) {
            headers.append(("Authorization", authorization))
        }
        if call.body != nil {
            headers.append(("Content-Type", "application/json"))
        }
        let request = HTTPRequest(method: call.httpMethod, url: url, headers: headers, body: call.body)
        var attempt = 0
        while true {
            attempt += 1
            outcome.requests += 1
            if attempt > 1 { outcome.retries += 1 }
            let mayRetry = call.isIdempotent && attempt < retry.maximumAttempts
            let response: HTTPResponse
            do {
                response = try await transport.send(request, timeout: timeout)
            } catch let error as TransportError {
                guard mayRetry else { throw error }
                try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: nil))
                continue
            }
            if (200..<300).contains(response.status) { return response }
            if mayRetry, RetryPolicy.retryableStatuses.contains(response.status) {
                try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After")))
                continue
            }
            let decoded = APIError.decode(body: Array(response.body.readableBytesView))
            throw APIError(httpStatus: response.status, status: decoded.status, message: decoded.message,
                           method: call.qualifiedMethodName, parameters: call.displayedParameters, attempts: attempt)
        }
    }

    /// Fetches every page of a call (up to `pageLimit` pages), handing each body to `onPage`, which returns the
    /// number of rows it stored. The next page is requested while the current one is being stored.
    func fetchAll(_ call: PreparedCall, pageLimit: Int?, progress: CallProgress?,
                  onPage: (ByteBuffer) async throws -> Int) async throws -> CallOutcome {
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName)
        var response = try await send(call, url: call.url(), outcome: &outcome)
        var seenTokens: Set<String> = []
        while true {
            var next = nextPageToken(of: response, call: call)
            // A server that hands back a token it already gave would page forever.
            if let token = next, !seenTokens.insert(token).inserted { next = nil }
            if next != nil, let pageLimit, outcome.pages + 1 >= pageLimit {
                outcome.truncatedByPageLimit = true
                next = nil
            }
            guard let token = next else {
                record(try await onPage(response.body), in: &outcome, progress: progress)
                return outcome
            }
            async let following = sendPage(call, token: token)
            record(try await onPage(response.body), in: &outcome, progress: progress)
            let (nextResponse, nextOutcome) = try await following
            outcome.requests += nextOutcome.requests
            outcome.retries += nextOutcome.retries
            response = nextResponse
        }
    }

    func sendPage(_ call: PreparedCall, token: String) async throws -> (HTTPResponse, CallOutcome) {
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName)
        let response = try await send(call, url: call.url(pageToken: token), outcome: &outcome)
        return (response, outcome)
    }

    func record(_ rows: Int, in outcome: inout CallOutcome, progress: CallProgress?) {
        outcome.pages += 1
        outcome.rows += rows
        progress?.add(pages: 1, rows: rows)
    }

    /// The token for the next page, or nil on the last page.
    func nextPageToken(of response: HTTPResponse, call: PreparedCall) -> String? {
        guard let pagination = call.method.pagination else { return nil }
        switch pagination.responseTokenLocation {
        case .header:
            return response.header(pagination.responseToken).flatMap { $0.isEmpty ? nil : $0 }
        case .body, .query:
            return response.body.withUnsafeReadableBytes { raw -> String? in
                let scanner = JSONScanner(raw)
                let start = scanner.skipWhitespace(0)
                guard start < raw.count, raw[start] == UInt8(ascii: "{"),
                      let token = scanner.trailingStringMember(pagination.responseToken)
                        ?? (try? scanner.stringMember(pagination.responseToken, ofObjectAt: start)) else { return nil }
                return token.isEmpty ? nil : token
            }
        }
    }

    /// Runs all calls, at most `concurrency` at a time. The first call that fails for good cancels the rest and
    /// its error is thrown.
    func run(_ calls: [PreparedCall], concurrency: Int, pageLimit: Int?, progress: CallProgress?,
             onPage: @escaping @Sendable (Int, PreparedCall, ByteBuffer) async throws -> Int) async throws -> [CallOutcome] {
        var outcomes = [CallOutcome?](repeating: nil, count: calls.count)
        try await withThrowingTaskGroup(of: (Int, CallOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < calls.count else { return }
                let index = next
                let call = calls[index]
                next += 1
                group.addTask {
                    let outcome = try await fetchAll(call, pageLimit: pageLimit, progress: progress) { page in
                        try await onPage(index, call, page)
                    }
                    progress?.add(callsDone: 1, retries: outcome.retries)
                    return (index, outcome)
                }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                startNext()
            }
        }
        return outcomes.map { $0! }
    }
}
