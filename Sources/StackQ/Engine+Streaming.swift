import AsyncAlgorithms
import StackQSyntax
import Synchronization

extension Engine {
    /// Runs every statement of a script, handing each result to `handler` while it runs: a SELECT's rows go from
    /// SQLite to `handler` a chunk at a time and are never collected, so a result of any size takes little memory.
    /// `parameters` fill the script's bind parameters, as in ``execute(_:parameters:)``.
    ///
    /// ```swift
    /// struct Printer: ResultHandler {
    ///     func columns(_ columns: [ResultSet.Column]) async throws { print(columns.map(\.name)) }
    ///     func rows(_ rows: [[SQLValue]]) async throws { for row in rows { print(row) } }
    ///     func finished(_ result: ResultSet) async throws {}
    /// }
    /// try await engine.execute(script: "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'", handler: Printer())
    /// ```
    ///
    /// A mutation some of whose calls failed hands on the answer of the others, then throws (unless
    /// ``EngineConfiguration/allowPartial`` is set). Any other failed statement is told to
    /// ``ResultHandler/failed(_:calls:)`` with the calls it made before it throws.
    /// - Parameter session: whose `SHOW CALLS` the statements answer and record (a server connection passes its
    ///   own); the engine's own by default.
    public func execute(script: String, parameters: [SQLValue] = [], session: EngineSession? = nil,
                        handler: some ResultHandler) async throws {
        let sql = parameters.isEmpty ? script : try Engine.bind(parameters, into: script)
        try await forEachStatement(of: sql, session: session) { statement, runner in
            let stream = StreamedResult(handler)
            let result: ResultSet
            do {
                result = try await runner.withinDeadline { try await runner.run(statement, streamingTo: stream) }
            } catch let partly as PartlyFailed {
                try await stream.finish(partly.result)
                throw partly.error
            } catch {
                await handler.failed(error, calls: runner.context.calls.outcomes)
                throw error
            }
            try await stream.finish(result)
        }
    }

    /// The rows of `sql` (every statement's, in order; normally one SELECT) as they come from SQLite, for results
    /// too large to hold. The statement starts when iteration does; stopping early cancels it, and its API calls.
    ///
    /// ```swift
    /// for try await row in engine.rows("SELECT name, state FROM google.dataproc.sessions WHERE projectsId = ? AND locationsId = ?",
    ///                                  parameters: [.text("demo"), .text("us-central1")]) {
    ///     print(row["name"]?.textValue ?? "", row["state"]?.textValue ?? "")
    /// }
    /// ```
    /// - Parameter session: whose `SHOW CALLS` the statements answer and record; the engine's own by default.
    public nonisolated func rows(_ sql: String, parameters: [SQLValue] = [], session: EngineSession? = nil) -> RowStream {
        RowStream(engine: self, sql: sql, parameters: parameters, session: session)
    }
}

/// Hands a statement's result to a ``ResultHandler``: rows as they stream, or, for a statement whose result was
/// collected, the whole result at its end.
final class StreamedResult: ResultHandler {
    private let handler: any ResultHandler
    private let started = Mutex(false)

    init(_ handler: any ResultHandler) {
        self.handler = handler
    }

    func columns(_ columns: [ResultSet.Column]) async throws {
        started.withLock { $0 = true }
        try await handler.columns(columns)
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        try await handler.rows(rows)
    }

    func finished(_ result: ResultSet) async throws {
        try await handler.finished(result)
    }

    var lineWriter: ResultWriter? { handler.lineWriter }

    func lines(_ bytes: [UInt8]) async throws {
        try await handler.lines(bytes)
    }

    /// Ends the statement: a result that did not stream is handed on whole first.
    func finish(_ result: ResultSet) async throws {
        var rest = result
        if !started.withLock({ $0 }) {
            try await handler.columns(result.columns)
            if !result.rows.isEmpty { try await handler.rows(result.rows) }
        }
        rest.rows = []
        try await handler.finished(rest)
    }
}

/// One row of a ``RowStream``: its values and the columns they belong to.
public struct ResultRow: Sendable, Hashable {
    /// The result's columns (shared by every row of a statement).
    public let columns: [ResultSet.Column]
    /// One value per column.
    public let values: [SQLValue]

    /// A row of `values` under `columns`.
    public init(columns: [ResultSet.Column], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the column at `index`.
    public subscript(index: Int) -> SQLValue { values[index] }

    /// The value of the first column named `name`, or nil when there is none.
    public subscript(name: String) -> SQLValue? {
        columns.firstIndex { $0.name == name }.map { values[$0] }
    }
}

/// The rows of a script as SQLite produces them (``Engine/rows(_:parameters:session:)``). One chunk of rows is in flight
/// at a time: the statement waits while the consumer has not taken the last one, so memory stays flat.
public struct RowStream: AsyncSequence, Sendable {
    /// One row with its columns.
    public typealias Element = ResultRow
    /// Any error of the statement (``PlanError``, ``APIError``, ``QueryError``, …), thrown by ``Iterator/next()``.
    public typealias Failure = any Error

    let engine: Engine
    let sql: String
    let parameters: [SQLValue]
    let session: EngineSession?

    /// Starts the statement on the first ``Iterator/next()``.
    public func makeAsyncIterator() -> Iterator {
        Iterator(producer: Producer(engine: engine, sql: sql, parameters: parameters, session: session))
    }

    /// Walks the rows; dropping it before the end cancels the statement.
    public struct Iterator: AsyncIteratorProtocol {
        let producer: Producer
        private var chunks: AsyncThrowingChannel<[ResultRow], any Error>.Iterator
        private var buffered: [ResultRow] = []
        private var index = 0

        init(producer: Producer) {
            self.producer = producer
            self.chunks = producer.channel.makeAsyncIterator()
        }

        /// The next row; nil after the last; throws the statement's error.
        public mutating func next() async throws -> ResultRow? {
            producer.start()
            while index == buffered.count {
                guard let chunk = try await chunks.next() else { return nil }
                buffered = chunk
                index = 0
            }
            defer { index += 1 }
            return buffered[index]
        }
    }

    /// Runs the script in a task of its own, feeding a channel that holds one chunk at a time; cancels it when
    /// the iterator that owns it goes away.
    final class Producer: Sendable {
        let channel = AsyncThrowingChannel<[ResultRow], any Error>()
        private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
        private let engine: Engine
        private let sql: String
        private let parameters: [SQLValue]
        private let session: EngineSession?

        init(engine: Engine, sql: String, parameters: [SQLValue], session: EngineSession?) {
            self.engine = engine
            self.sql = sql
            self.parameters = parameters
            self.session = session
        }

        deinit {
            task.withLock { $0?.cancel() }
            channel.finish()
        }

        /// Starts the statement, once.
        func start() {
            task.withLock { task in
                guard task == nil else { return }
                let (channel, engine, sql, parameters, session) = (self.channel, self.engine, self.sql, self.parameters, self.session)
                task = Task {
                    do {
                        try await engine.execute(script: sql, parameters: parameters, session: session,
                                                 handler: ChannelHandler(channel: channel))
                        channel.finish()
                    } catch {
                        channel.fail(error)
                    }
                }
            }
        }
    }

    /// Sends each chunk into the channel, waiting until the consumer takes it.
    final class ChannelHandler: ResultHandler {
        let channel: AsyncThrowingChannel<[ResultRow], any Error>
        private let current = Mutex<[ResultSet.Column]>([])

        init(channel: AsyncThrowingChannel<[ResultRow], any Error>) {
            self.channel = channel
        }

        func columns(_ columns: [ResultSet.Column]) async throws {
            current.withLock { $0 = columns }
        }

        func rows(_ rows: [[SQLValue]]) async throws {
            let columns = current.withLock { $0 }
            await channel.send(rows.map { ResultRow(columns: columns, values: $0) })
            try Task.checkCancellation()
        }

        func finished(_ result: ResultSet) async throws {}
    }
}
