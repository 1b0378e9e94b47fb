import Foundation
import NIOCore

/// A long-running operation as a mutation's call answered it, in either of Google's shapes: AIP-151
/// (`{name, done, error, response}`, polled by GET on its name) or Compute's (`{selfLink, status: DONE, error:
/// {errors: […]}}`, polled at its selfLink).
struct LongRunningOperation: Sendable {
    var name: String
    /// Where to GET it again.
    var pollURL: String
    var done: Bool
    /// `code: message` of an operation that ended in error.
    var errorMessage: String?
    /// The operation's `response` (the created or updated resource) once done.
    var response: JSONValue?
    /// The whole last answer.
    var document: JSONValue

    /// Reads an answer; nil when it is not an operation.
    /// - Parameter base: the URL prefix the call used (origin and version, `https://host/v1`), for AIP-151 names.
    init?(_ json: JSONValue, base: String, overrideOrigin: String?) {
        guard case .object = json else { return nil }
        document = json
        if let selfLink = json["selfLink"]?.stringValue, let status = json["status"]?.stringValue,
           (json["kind"]?.stringValue ?? "").hasSuffix("operation") {
            name = json["name"]?.stringValue ?? selfLink
            var url = selfLink
            if let overrideOrigin { url = overrideOrigin + EndpointResolver.split(selfLink).path }
            pollURL = url
            done = status == "DONE"
            if case .array(let errors)? = json["error"]?["errors"], let first = errors.first {
                errorMessage = [first["code"]?.stringValue, first["message"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            }
            response = nil
            return
        }
        guard let name = json["name"]?.stringValue, json["done"] != nil || json["metadata"] != nil
                || name.contains("/operations/") else { return nil }
        self.name = name
        pollURL = base + "/" + name
        if case .bool(let done)? = json["done"] { self.done = done } else { self.done = false }
        if let error = json["error"], case .object = error {
            let code = error["code"].flatMap { value -> String? in
                if case .number(let n) = value { return String(Int(n)) }
                return value.stringValue
            }
            let status = error["status"]?.stringValue
            errorMessage = [code, status, error["message"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        }
        response = json["response"]
    }
}

/// Polls operations until they are done: backoff from the configured first interval doubling to its maximum,
/// within an optional deadline, telling the observer which are still running.
struct OperationWaiter {
    let runner: CallRunner
    let provider: String
    let interval: (initial: Duration, maximum: Duration)
    let timeout: Duration?
    let observer: (any EngineObserver)?

    /// Waits for every operation; returns them done (in order). Throws ``OperationWaitError`` on timeout or
    /// cancellation, naming those still running.
    func wait(_ operations: [LongRunningOperation]) async throws -> [LongRunningOperation] {
        var current = operations
        let started = ContinuousClock.now
        var delay = interval.initial
        do {
            try await pollUntilDone(&current, started: started, delay: &delay)
        } catch let error as OperationWaitError {
            throw error
        } catch where Task.isCancelled {
            throw OperationWaitError(reason: .cancelled, pending: current.filter { !$0.done }.map(\.name))
        }
        observer?.operationsPending([], elapsed: ContinuousClock.now - started)
        return current
    }

    /// Polls until every operation is done, updating `current` as answers come.
    private func pollUntilDone(_ current: inout [LongRunningOperation], started: ContinuousClock.Instant, delay: inout Duration) async throws {
        while current.contains(where: { !$0.done }) {
            let pending = current.filter { !$0.done }.map(\.name)
            let elapsed = ContinuousClock.now - started
            if let timeout, elapsed >= timeout {
                throw OperationWaitError(reason: .timedOut(timeout), pending: pending)
            }
            observer?.operationsPending(pending, elapsed: elapsed)
            do {
                var sleep = delay
                if let timeout { sleep = min(sleep, max(.milliseconds(1), timeout - elapsed)) }
                try await Task.sleep(for: sleep)
            } catch {
                throw OperationWaitError(reason: .cancelled, pending: pending)
            }
            delay = min(interval.maximum, delay * 2)
            let polled = current
            current = try await withThrowingTaskGroup(of: (Int, LongRunningOperation).self) { group in
                for (index, operation) in polled.enumerated() where !operation.done {
                    group.addTask { (index, try await poll(operation)) }
                }
                var updated = polled
                while let (index, operation) = try await group.next() { updated[index] = operation }
                return updated
            }
        }
    }

    func poll(_ operation: LongRunningOperation) async throws -> LongRunningOperation {
        let call = PreparedCall(
            provider: provider, qualifiedMethodName: "operations.get",
            method: Method(name: "operations_get", sqlVerb: .exec, httpMethod: "GET", path: "", parameters: [],
                           response: ResponseInfo(mediaType: "application/json")),
            url: operation.pollURL, query: [], httpMethod: "GET", headers: [], body: nil,
            parameterValues: [:], displayedParameters: [("name", operation.name)], isIdempotent: true)
        var outcome = CallOutcome(qualifiedMethodName: call.qualifiedMethodName)
        let response = try await runner.send(call, url: operation.pollURL, outcome: &outcome)
        let json = (try? JSONValue(parsing: Array(response.body.readableBytesView))) ?? .null
        let base = String(operation.pollURL.dropLast(operation.name.count + 1))
        guard var next = LongRunningOperation(json, base: base, overrideOrigin: nil) else {
            throw APIError(httpStatus: response.status, status: nil, message: "the answer is not an operation",
                           method: "operations.get", parameters: [("name", operation.name)], attempts: outcome.requests)
        }
        next.pollURL = operation.pollURL
        next.name = operation.name
        return next
    }
}

/// A wait on long-running operations that did not see them finish.
public struct OperationWaitError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// Why the wait stopped.
    public enum Reason: Sendable, Hashable {
        /// ``EngineConfiguration/operationTimeout`` (the CLI's `--statement-timeout`) passed; it carries that timeout.
        case timedOut(Duration)
        /// The statement was cancelled while it waited (Ctrl-C, or its task was cancelled).
        case cancelled
    }

    /// Why the wait stopped before every operation finished.
    public var reason: Reason
    /// The operations still running, by name.
    public var pending: [String]

    public var description: String {
        let names = pending.joined(separator: ", ")
        switch reason {
        case .timedOut(let timeout):
            return "stopped waiting after \(timeout.components.seconds) s (--statement-timeout); still running: \(names)"
        case .cancelled:
            return "cancelled while waiting; still running on the server: \(names)"
        }
    }

    public var errorDescription: String? { description }
}
