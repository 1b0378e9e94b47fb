import Synchronization

/// The statements of one caller of an engine — a shell, a server connection, an MCP client. `SHOW CALLS` lists the
/// calls of the last statement of its own session that made any, whatever other sessions run meanwhile.
///
/// ```swift
/// let session = EngineSession()
/// _ = try await engine.execute(script: "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'l'",
///                              session: session, handler: printer)
/// print(session.lastCalls.map(\.url))
/// ```
///
/// An engine has one session of its own, used when none is given.
public final class EngineSession: Sendable {
    private let calls = Mutex<[CallOutcome]>([])

    /// A session with no calls yet.
    public init() {}

    /// The calls of this session's last statement that made any.
    public var lastCalls: [CallOutcome] { calls.withLock { $0 } }

    /// The calls of a statement that made some.
    func record(_ outcomes: [CallOutcome]) {
        guard !outcomes.isEmpty else { return }
        calls.withLock { $0 = outcomes }
    }
}
