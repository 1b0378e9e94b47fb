import Foundation
import Logging
import NIOCore

/// Runs planned calls: concurrently under one bound, every page, retrying what may be retried.
struct CallRunner: Sendable {
    let transport: any HTTPTransport
    let credentials: CredentialProvider
    let redactor: Redactor
    let retry: RetryPolicy
    let timeout: Duration
    let userAgent: String
    /// The engine's adaptive limiters (per API host, per project where the quota is); nil runs calls unbounded.
    var limiters: HostLimiters?
    /// The statement's counters: the time its calls are held back by a limiter is added to them.
    var progress: CallProgress? = nil
    /// Told about a retry whose wait is longer than a second (the CLI shows it on a terminal).
    var onRetry: (@Sendable (String) -> Void)? = nil
    /// The origins that have answered during this run: a refused connection to one of them may be retried.
    var hosts = HostHistory()
    /// Each call stops after this many pages when no page limit is given (an endless paginator), announced.
    var defaultPageCap = CallRunner.defaultPageCap
    /// The configuration's logger: every finished call at `debug`.
    var logger: Logger? = nil
    /// Where a service's refusal of the page size is remembered, for the engine's later calls.
    var pageSizeRefusals: PageSizeRefusals? = nil

    /// Sends one request of a call, retrying 429/5xx and transport errors when the call is idempotent, and sending
    /// it once more with a fresh token after a 401. Returns the final successful response; a final failure throws
    /// ``APIError`` or ``TransportError``.
    func send(_ call: PreparedCall, url: String, outcome: inout CallOutcome) async throws -> HTTPResponse {
        var headers = call.headers(userAgent: userAgent)
        var authHeaders = try await credentials.headers(for: call.provider)
        var refreshedAfterUnauthorized = false
        var target = url
        var method = call.httpMethod
        var body = call.body
        var redirects = 0
        var attempt = 0
        var retriedOnTheLimiter = false
        /// When this request was first throttled: its retries are on the limiter for the backoff budget at most.
        var throttledSince: ContinuousClock.Instant?
        while true {
            attempt += 1
            outcome.requests += 1
            if attempt > 1 || retriedOnTheLimiter { outcome.retries += 1 }
            retriedOnTheLimiter = false
            let mayRetry = call.isIdempotent && attempt < retry.maximumAttempts
            let request = HTTPRequest(method: method, url: target, headers: headers + authHeaders, body: body)
            let pacer = await limiters?.pacing(target)
            let sentAt: ContinuousClock.Instant
            if let pacer {
                let progress = self.progress
                progress?.hold()
                defer { progress?.release() }
                sentAt = try await pacer.permit()
            } else {
                sentAt = .now
            }
            let response: HTTPResponse
            do {
                response = try await transport.send(request, timeout: timeout)
            } catch let error as TransportError {
                var error = cleaned(error)
                guard mayRetry, mayRetryAfter(error) else {
                    if !call.isIdempotent, error.kind == .timedOut || error.kind == .other {
                        error.reason += " — not sent again: \(call.httpMethod) without a requestId may already have been carried out; check before repeating it"
                    }
                    // As an API error says it: a failure after retries was not a single bad moment.
                    if attempt > 1 { error.reason += " (after \(attempt) attempts)" }
                    throw error
                }
                try await pause(retry.delay(afterAttempt: attempt, retryAfter: nil), call: call, attempt: attempt, cause: error.description)
                continue
            }
            hosts.answered(request.url)
            outcome.status = response.status
            if (200..<300).contains(response.status) {
                for limiter in limiters?.all(for: target) ?? [] { await limiter.succeeded(sentAt: sentAt) }
                // Rows, operations and tokens are stored and shown from here on: no secret is, in any encoding.
                return HTTPResponse(status: response.status, headers: response.headers,
                                    body: redactor.redactSecrets(in: response.body))
            }
            if let next = try redirectTarget(of: response, from: request.url, originalURL: url, followed: &redirects) {
                target = next
                // 303 See Other: the answer is fetched with a GET, whatever asked (RFC 9110 15.4.4).
                if response.status == 303, method != "GET", method != "HEAD" {
                    method = "GET"
                    body = nil
                    headers.removeAll { $0.0 == "Content-Type" }
                }
                attempt -= 1
                continue
            }
            // A 401 means the token was refused before anything was done: refresh it once and send again.
            if response.status == 401, !refreshedAfterUnauthorized, !authHeaders.isEmpty {
                refreshedAfterUnauthorized = true
                await credentials.reject(provider: call.provider, headers: authHeaders)
                authHeaders = try await credentials.headers(for: call.provider)
                continue
            }
            if response.status == 429 || response.status == 503 {
                if response.status == 429 { outcome.throttled += 1 }
                let onTheLimiter = await slowDown(after: response, url: target, sentAt: sentAt)
                let since = throttledSince ?? .now
                throttledSince = since
                if onTheLimiter, call.isIdempotent, response.header("Retry-After") == nil,
                   ContinuousClock.now - since < retry.backoffBudget {
                    // The limiter sent it too soon: it waits (its pause and pace), the call keeps its attempts. A
                    // server that names its wait (Retry-After) gets it as an ordinary retry instead.
                    attempt -= 1
                    retriedOnTheLimiter = true
                    continue
                }
            }
            if mayRetry, RetryPolicy.retryableStatuses.contains(response.status) {
                try await pause(retry.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After")), call: call,
                                attempt: attempt, cause: "HTTP \(response.status)")
                continue
            }
            throw apiError(from: response, call: call, attempts: attempt)
        }
    }

    /// Tells the limiter of `url` that the request it let go at `sentAt` was answered 429 or 503 — the project's
    /// limiter when the answer says the quota is per project. True when the retry is on the limiter (its backoff
    /// budget is not spent).
    func slowDown(after response: HTTPResponse, url: String, sentAt: ContinuousClock.Instant) async -> Bool {
        guard let limiters else { return false }
        if response.status == 429, HostLimiters.project(in: url) != nil,
           HostLimiters.saysPerProject(response.body.readableBytesView) {
            limiters.quotaIsPerProject(url)
        }
        let limiter = await limiters.pacing(url)
        let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.retryAfterDelay($0, cap: retry.maximumDelay) }
        let free = await limiter.throttled(sentAt: sentAt, status: response.status, retryAfter: retryAfter)
        let host = limiters.host(of: url)
        if host !== limiter {
            limiters.learned(await limiter.rate, for: url)
            // A 503 is the host's trouble, whichever project asked.
            if response.status == 503 { await host.throttled(sentAt: sentAt, status: 503, retryAfter: retryAfter) }
        }
        return free
    }

    /// Fetches every page of a call (up to `pageLimit` pages), handing each body to `onPage`, which returns the
    /// number of rows it stored. The next page is requested as soon as the current one's token is read; the
    /// current page is checked (``validatePage(_:call:pageNumber:)``) and stored while it is on its way. A page
    /// that fails the check fails the call before any of its rows is stored, and the request for the page after
    /// it is cancelled.
    func fetchAll(_ call: PreparedCall, pageLimit: Int?, progress: CallProgress?, outcome: inout CallOutcome,
                  onPage: (ByteBuffer) async throws -> Int) async throws {
        var call = call
        var response: HTTPResponse
        do {
            response = try await send(call, url: call.url(), outcome: &outcome)
        } catch let error as APIError where error.httpStatus == 400 && call.implicitPageSize != nil
                    && GooglePaging.concernsPageSize(error.message) {
            // The service refuses the page size stackq chose: ask once more without it, and never again.
            pageSizeRefusals?.remember(call)
            call = call.withoutImplicitPageSize()
            response = try await send(call, url: call.url(), outcome: &outcome)
        }
        var seenTokens: Set<String> = []
        let pageCap = pageLimit ?? defaultPageCap
        while true {
            var next = nextPageToken(of: response, call: call)
            if let token = next, !seenTokens.insert(token).inserted {
                // A page that is not one says so first; the token read from it means nothing.
                try validatePage(response, call: call, pageNumber: outcome.pages + 1)
                throw repeatedTokenError(token, call: call, pageNumber: outcome.pages + 1)
            }
            if next != nil, outcome.pages + 1 >= pageCap {
                outcome.truncatedByPageLimit = true
                outcome.stoppedByDefaultPageCap = pageLimit == nil
                next = nil
            }
            guard let token = next else {
                try validatePage(response, call: call, pageNumber: outcome.pages + 1)
                record(try await onPage(response.body), bytes: response.body.readableBytes, in: &outcome, progress: progress)
                return
            }
            if call.method.pagination?.requestToken.isEmpty == true {
                let (here, there) = (EndpointResolver.split(call.url).origin, EndpointResolver.split(token).origin)
                guard here.lowercased() == there.lowercased() else {
                    try validatePage(response, call: call, pageNumber: outcome.pages + 1)
                    throw TransportError(url: call.url, reason: "the next page is at another host (\(there)); stackq follows page links only on the host the call went to")
                }
            }
            let pageCall = call
            async let following = sendPage(pageCall, token: token)
            // Leaving this scope by throwing cancels the request for the next page.
            try validatePage(response, call: call, pageNumber: outcome.pages + 1)
            record(try await onPage(response.body), bytes: response.body.readableBytes, in: &outcome, progress: progress)
            let (nextResponse, nextOutcome) = try await following
            outcome.requests += nextOutcome.requests
            outcome.retries += nextOutcome.retries
            outcome.throttled += nextOutcome.throttled
            outcome.status = nextOutcome.status
            response = nextResponse
        }
    }

    /// Fetches the page after `token`: the response and what its requests were.
    func sendPage(_ call: PreparedCall, token: String) async throws -> (HTTPResponse, CallOutcome) {
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName)
        let response = try await send(call, url: call.url(pageToken: token), outcome: &outcome)
        return (response, outcome)
    }

    func record(_ rows: Int, bytes: Int, in outcome: inout CallOutcome, progress: CallProgress?) {
        outcome.pages += 1
        outcome.bytes += bytes
        outcome.rows += rows
        progress?.add(pages: 1, rows: rows)
    }

    /// The token for the next page, or nil on the last page.
    func nextPageToken(of response: HTTPResponse, call: PreparedCall) -> String? {
        guard let pagination = call.method.pagination else { return nil }
        switch pagination.responseTokenLocation {
        case .header:
            guard let value = response.header(pagination.responseToken), !value.isEmpty else { return nil }
            return pagination.responseToken.lowercased() == "link" ? LinkHeader.next(in: value) : value
        case .body, .query:
            return response.body.withUnsafeReadableBytes { raw -> String? in
                let scanner = JSONScanner(raw)
                let start = scanner.skipWhitespace(0)
                guard start < raw.count, raw[start] == UInt8(ascii: "{") else { return nil }
                if let token = scanner.trailingStringMember(pagination.responseToken)
                    ?? (try? scanner.stringMember(pagination.responseToken, ofObjectAt: start)) {
                    return token.isEmpty ? nil : token
                }
                // A number (`"nextPageToken": 2`) is a token too: it is sent back as the text it was written as.
                return CallRunner.numericMember(pagination.responseToken, ofObjectAt: start, in: scanner)
            }
        }
    }

    /// Runs one call to its end, never throwing for the call's own failure: the result says what happened.
    /// Only cancellation is thrown.
    func run(_ call: PreparedCall, reference: String, pageLimit: Int?, progress: CallProgress?,
             onPage: (ByteBuffer) async throws -> Int) async throws -> CallResult {
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName, reference: reference,
                                  parameters: call.displayedParameters.map { "\($0.name)='\($0.value)'" }.joined(separator: ", "),
                                  url: call.url())
        var failure: (any Error)?
        let started = ContinuousClock.now
        let limiter = limiters?.host(of: call.url())
        await limiter?.acquire()
        do {
            try await fetchAll(call, pageLimit: pageLimit, progress: progress, outcome: &outcome, onPage: onPage)
        } catch is CancellationError {
            await limiter?.release()
            throw CancellationError()
        } catch let error as APIError where error.httpStatus == 404 && call.missingMeansNoRow {
            outcome.notFound = true
        } catch {
            if Task.isCancelled {
                await limiter?.release()
                throw CancellationError()
            }
            outcome.error = redactor.redact(CallRunner.describe(error))
            failure = error
        }
        await limiter?.release()
        let elapsed = ContinuousClock.now - started
        outcome.milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        progress?.add(callsDone: 1, retries: outcome.retries)
        log(outcome)
        return CallResult(outcome: outcome, error: failure)
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }

    /// One `debug` line for a finished call; its parameters and error are redacted already, its URL has no query.
    func log(_ outcome: CallOutcome) {
        guard let logger else { return }
        var metadata: Logger.Metadata = [
            "method": "\(outcome.qualifiedMethodName)", "parameters": "\(outcome.parameters)",
            "pages": "\(outcome.pages)", "rows": "\(outcome.rows)", "retries": "\(outcome.retries)",
            "ms": "\(Int(outcome.milliseconds.rounded()))",
        ]
        if let status = outcome.status { metadata["status"] = "\(status)" }
        if let error = outcome.error { metadata["error"] = "\(error)" }
        logger.debug(outcome.succeeded ? "call finished" : "call failed", metadata: metadata)
    }

    /// Runs all calls concurrently (bounded by the limiter); each call's outcome in the calls' order.
    func runAll(_ calls: [PreparedCall], reference: String, pageLimit: Int?, progress: CallProgress?,
                onPage: @escaping @Sendable (Int, PreparedCall, ByteBuffer) async throws -> Int) async throws -> [CallResult] {
        progress?.add(callsTotal: calls.count)
        // A window of tasks, not one per call: a 20,000-call fan-out holds a few dozen at a time.
        let window = max(64, (limiters?.ceiling ?? 16) * 4)
        return try await withThrowingTaskGroup(of: (Int, CallResult).self) { group in
            var next = 0
            func start(_ index: Int) {
                let call = calls[index]
                group.addTask {
                    (index, try await run(call, reference: reference, pageLimit: pageLimit, progress: progress) { page in
                        try await onPage(index, call, page)
                    })
                }
            }
            while next < min(window, calls.count) {
                start(next)
                next += 1
            }
            var outcomes = [CallResult?](repeating: nil, count: calls.count)
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                if next < calls.count {
                    start(next)
                    next += 1
                }
            }
            return outcomes.map { $0! }
        }
    }
}

/// A call's outcome and, when it failed, the error it failed with.
struct CallResult: Sendable {
    var outcome: CallOutcome
    var error: (any Error)?
}
