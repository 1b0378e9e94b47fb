import Synchronization

/// What belongs to one statement while it runs: the text it was written in, the tables it made, the calls it sent
/// and its deadline. Statements running at once on one engine each have their own, so none sees another's.
final class StatementContext: Sendable {
    /// The script's text, so numbers are sent as written (`007`, `1e999`); nil for a statement built in code.
    let source: [UInt8]?
    /// The caller's session: it gets the statement's calls for `SHOW CALLS`.
    let session: EngineSession
    /// When the whole statement must have finished (`--statement-timeout`); nil for no limit.
    let deadline: ContinuousClock.Instant?
    /// The statement's calls, in the order they finished.
    let calls: CallLog
    /// False for the reads of a mutation: what it changes is chosen from what the API says now, never from the
    /// response cache.
    let readsCache: Bool
    private let names: TableNames

    init(source: [UInt8]?, session: EngineSession, deadline: ContinuousClock.Instant?, names: TableNames,
         calls: CallLog = CallLog(), readsCache: Bool = true) {
        self.source = source
        self.session = session
        self.deadline = deadline
        self.names = names
        self.calls = calls
        self.readsCache = readsCache
    }

    /// The same statement reading a text of its own (the SELECT a DELETE runs first): same calls, deadline, session.
    func reading(_ source: [UInt8]) -> StatementContext {
        StatementContext(source: source, session: session, deadline: deadline, names: names, calls: calls,
                         readsCache: readsCache)
    }

    /// The same statement, reading past the response cache.
    func bypassingCache() -> StatementContext {
        StatementContext(source: source, session: session, deadline: deadline, names: names, calls: calls,
                         readsCache: false)
    }

    /// A table name no other statement of the engine uses (`sessions_12`).
    func tableName(_ base: String) -> String {
        "\(base)_\(names.next(1))"
    }

    /// The first of `count` numbers for table names, reserved for this statement.
    func reserveTableNumbers(_ count: Int) -> Int {
        names.next(count)
    }

    /// How long is left before the deadline; nil without one.
    var remaining: Duration? {
        deadline.map { max(.zero, $0 - ContinuousClock.now) }
    }

    /// Hands the calls made so far to the session (`SHOW CALLS`) and returns them.
    @discardableResult
    func reportCalls() -> [CallOutcome] {
        let outcomes = calls.outcomes
        session.record(outcomes)
        return outcomes
    }
}

/// Numbers for the tables of an engine's statements, never given twice: every statement's tables live in the one
/// SQLite database of the engine.
final class TableNames: Sendable {
    private let last = Mutex(0)

    /// The first of `count` fresh numbers.
    func next(_ count: Int) -> Int {
        last.withLock { last in
            defer { last += count }
            return last + 1
        }
    }
}

/// The outcomes of a statement's calls as they complete (calls of several references finish concurrently).
final class CallLog: Sendable {
    private let recorded = Mutex<[CallOutcome]>([])

    func append(_ results: [CallResult]) {
        recorded.withLock { $0 += results.map(\.outcome) }
    }

    var outcomes: [CallOutcome] { recorded.withLock { $0 } }
}
