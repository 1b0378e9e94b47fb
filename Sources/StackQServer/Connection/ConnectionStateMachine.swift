/// What a connection does with each client message, as a pure value: startup and authentication, then queries,
/// and after a failed extended-protocol message, skipping everything up to the next Sync (PostgreSQL's rule).
/// The I/O around it (``ServerConnection``) carries out the ``Action``s.
struct ConnectionStateMachine: Sendable {
    enum State: Sendable {
        case awaitingStartup
        case awaitingSASLInitial(parameters: [String: String])
        case awaitingSASLResponse(parameters: [String: String], SCRAMServer)
        case ready
        case skippingUntilSync
        case closed
    }

    /// What to do next.
    enum Action: Sendable, Hashable {
        /// Send these messages (authentication steps).
        case send([BackendMessage])
        /// The client is authenticated: send `preceding` (SCRAM's final step), then greet it (AuthenticationOk,
        /// parameters, BackendKeyData, ReadyForQuery) for these startup parameters.
        case startSession(parameters: [String: String], preceding: [BackendMessage])
        /// Send this error (FATAL) and close the connection.
        case fail(ErrorResponse)
        /// Cancel the statement of the connection with these keys, then close this one.
        case cancel(processID: Int32, secretKey: Int32)
        /// Carry out a query-phase message (Query, Parse, Bind, Describe, Execute, Close, Sync, Flush).
        case process(FrontendMessage)
        /// Nothing to do (a message skipped after an error).
        case ignore
        /// Terminate: close quietly.
        case terminate
    }

    private(set) var state: State = .awaitingStartup
    let credentials: SCRAMCredentials?
    private let makeSCRAM: @Sendable (SCRAMCredentials) -> SCRAMServer

    /// A machine that asks for SCRAM-SHA-256 with `credentials`, or trusts every client when they are nil.
    init(credentials: SCRAMCredentials?, makeSCRAM: @escaping @Sendable (SCRAMCredentials) -> SCRAMServer = { SCRAMServer(credentials: $0) }) {
        self.credentials = credentials
        self.makeSCRAM = makeSCRAM
    }

    mutating func receive(_ message: FrontendMessage) -> Action {
        switch (state, message) {
        case (.closed, _):
            return .ignore
        case (_, .terminate):
            state = .closed
            return .terminate
        case (.awaitingStartup, .startup(.startup(let parameters))):
            guard let user = parameters["user"], !user.isEmpty else {
                return fail(ErrorResponse(severity: .fatal, code: "28000", message: "no PostgreSQL user name specified in startup packet"))
            }
            guard credentials != nil else {
                state = .ready
                return .startSession(parameters: parameters, preceding: [])
            }
            state = .awaitingSASLInitial(parameters: parameters)
            return .send([.authentication(.sasl(mechanisms: [SCRAMServer.mechanism]))])
        case (.awaitingStartup, .startup(.cancel(let processID, let secretKey))):
            state = .closed
            return .cancel(processID: processID, secretKey: secretKey)
        case (.awaitingStartup, _):
            return fail(ErrorResponse(severity: .fatal, code: "08P01", message: "expected a startup message"))
        case (.awaitingSASLInitial(let parameters), .authentication(let body)):
            guard let credentials,
                  case .initial(let mechanism, let data)? = try? SASLClientMessage.decode(body, initial: true),
                  mechanism == SCRAMServer.mechanism else {
                return authenticationFailed(parameters)
            }
            var scram = makeSCRAM(credentials)
            guard let serverFirst = try? scram.receiveClientFirst(data) else { return authenticationFailed(parameters) }
            state = .awaitingSASLResponse(parameters: parameters, scram)
            return .send([.authentication(.saslContinue(serverFirst))])
        case (.awaitingSASLResponse(let parameters, let scram), .authentication(let body)):
            guard case .response(let data)? = try? SASLClientMessage.decode(body, initial: false),
                  let serverFinal = try? scram.receiveClientFinal(data) else {
                return authenticationFailed(parameters)
            }
            state = .ready
            return .startSession(parameters: parameters, preceding: [.authentication(.saslFinal(serverFinal))])
        case (.awaitingSASLInitial, _), (.awaitingSASLResponse, _):
            return fail(ErrorResponse(severity: .fatal, code: "08P01", message: "expected an authentication response"))
        case (.skippingUntilSync, .sync):
            state = .ready
            return .process(.sync)
        case (.skippingUntilSync, _):
            return .ignore
        case (.ready, .query), (.ready, .parse), (.ready, .bind), (.ready, .describe), (.ready, .execute),
             (.ready, .close), (.ready, .sync), (.ready, .flush):
            return .process(message)
        case (.ready, .startup), (.ready, .authentication):
            return fail(ErrorResponse(severity: .fatal, code: "08P01", message: "unexpected startup or authentication message"))
        }
    }

    /// An extended-protocol message failed: ignore everything up to the next Sync.
    mutating func extendedQueryFailed() {
        if case .ready = state { state = .skippingUntilSync }
    }

    private mutating func fail(_ error: ErrorResponse) -> Action {
        state = .closed
        return .fail(error)
    }

    private mutating func authenticationFailed(_ parameters: [String: String]) -> Action {
        fail(ErrorResponse(severity: .fatal, code: "28P01",
                           message: "password authentication failed for user \"\(parameters["user"] ?? "")\""))
    }
}
