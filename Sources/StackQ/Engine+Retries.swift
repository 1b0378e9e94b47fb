extension Engine {
    /// Passes the executor's long retries to the observer (the CLI shows them on a terminal).
    nonisolated func retryAnnouncer() -> (@Sendable (String) -> Void)? {
        guard let observer = configuration.observer else { return nil }
        let redactor = self.redactor
        return { observer.retrying(redactor.redact($0)) }
    }
}
