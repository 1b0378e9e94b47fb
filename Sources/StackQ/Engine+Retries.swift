import Logging
extension Engine {
    /// Passes the executor's long retries to the observer (the CLI shows them on a terminal).
    nonisolated func retryAnnouncer() -> (@Sendable (String) -> Void)? {
        let observer = configuration.observer
        let logger = configuration.logger
        guard observer != nil || logger != nil else { return nil }
        let redactor = self.redactor
        return { message in
            let safe = redactor.redact(message)
            observer?.retrying(safe)
            logger?.notice("\(safe)")
        }
    }

    /// A warning, to the observer and the logger.
    nonisolated func warn(_ message: String) {
        configuration.observer?.warning(message)
        configuration.logger?.warning("\(message)")
    }
}
