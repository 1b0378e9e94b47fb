import StackQ

/// What catalog queries may ask about the connection that runs them (`current_user`, `current_setting('…')`).
struct SessionInfo: Sendable, Hashable {
    var user: String
    var database: String
    var processID: Int32
    var settings: [String: String]

    /// `version()`: PostgreSQL's shape, which drivers parse for the protocol level, naming stackq and its version.
    static let version = "PostgreSQL 15.0 (stackq \(StackQVersion.current)) on x86_64-pc-linux-gnu, served by stackq, SQL over cloud APIs"
    /// `server_version`: what drivers compare feature levels against.
    static let serverVersion = "15.0 (stackq \(StackQVersion.current))"

    /// The settings every session starts with; those in ``reported`` go to the client as ParameterStatus.
    static let defaults: [String: String] = [
        "server_version": serverVersion,
        "server_version_num": "150000",
        "server_encoding": "UTF8",
        "client_encoding": "UTF8",
        "DateStyle": "ISO, MDY",
        "IntervalStyle": "postgres",
        "TimeZone": "UTC",
        "integer_datetimes": "on",
        "standard_conforming_strings": "on",
        "is_superuser": "off",
        "session_authorization": "stackq",
        "application_name": "",
        "search_path": "\"$user\", public",
        "transaction_isolation": "read committed",
        "default_transaction_isolation": "read committed",
        "transaction_read_only": "off",
        "default_transaction_read_only": "off",
        "max_identifier_length": "63",
        "statement_timeout": "0",
        "lock_timeout": "0",
        "idle_in_transaction_session_timeout": "0",
        "extra_float_digits": "1",
        "bytea_output": "hex",
        "lc_messages": "C",
        "lc_monetary": "C",
        "lc_numeric": "C",
        "lc_time": "C",
        "datestyle": "ISO, MDY",
        "timezone": "UTC",
        "in_hot_standby": "off",
    ]

    /// The settings sent as ParameterStatus at startup and whenever SET changes them.
    static let reported = ["server_version", "server_encoding", "client_encoding", "DateStyle", "IntervalStyle",
                           "TimeZone", "integer_datetimes", "standard_conforming_strings", "is_superuser",
                           "session_authorization", "application_name", "in_hot_standby"]

    /// The value of a setting, matched without regard to case.
    func setting(_ name: String) -> String? {
        if let value = settings[name] { return value }
        let lower = name.lowercased()
        return settings.first { $0.key.lowercased() == lower }?.value
    }

    /// Sets a setting, keeping the spelling already known for its name.
    mutating func set(_ name: String, _ value: String) {
        let lower = name.lowercased()
        let key = settings.keys.first { $0.lowercased() == lower } ?? name
        settings[key] = value
        if lower == "datestyle" { settings["DateStyle"] = value; settings["datestyle"] = value }
        if lower == "timezone" { settings["TimeZone"] = value; settings["timezone"] = value }
    }
}
