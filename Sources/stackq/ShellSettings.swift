import StackQ

/// What the shell's meta-commands change: how results look and where they go.
struct ShellSettings: Sendable, Equatable {
    /// `.output`
    var format: OutputFormat
    /// `.headers`
    var headers: Bool
    /// `.timing`
    var timing = false
    /// `.dryrun`
    var dryRun: Bool
    /// `.pager`: on by default when standard output is a terminal.
    var pager: Bool
    /// `.once`: the file the next result goes to.
    var onceFile: String?
    /// `.cache`: the response cache's TTL in seconds (0: off), given to every engine of the shell.
    var cacheTTL: Double = 0

    /// `300`, `2.5`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The `.show` listing.
    var listing: String {
        func onOff(_ value: Bool) -> String { value ? "on" : "off" }
        return """
            output: \(format.rawValue)
            headers: \(onOff(headers))
            timing: \(onOff(timing))
            dryrun: \(onOff(dryRun))
            pager: \(onOff(pager))
            once: \(onceFile ?? "-")
            cache: \(cacheTTL > 0 ? "on, ttl \(ShellSettings.seconds(cacheTTL)) s" : "off")

            """
    }
}
