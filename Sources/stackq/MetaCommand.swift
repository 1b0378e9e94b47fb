import Foundation
import StackQ

/// A shell command that starts with `.` (sqlite3's habit), given on a line of its own.
enum MetaCommand: Equatable, Sendable {
    /// What `.cache` does.
    enum CacheAction: Equatable, Sendable {
        case on, off, clear, status
        case ttl(Double)
    }

    case help
    case output(OutputFormat)
    case headers(Bool)
    case timing(Bool)
    case dryRun(Bool)
    case pager(Bool)
    /// Shows the calls a statement would make, without making them.
    case explain(String)
    /// Runs the statements and meta-commands of a file.
    case read(String)
    /// Writes the next result to a file instead of the terminal.
    case once(String)
    /// Turns the response cache on or off, empties it, sets its TTL, or says how it stands.
    case cache(CacheAction)
    /// Prints the current settings.
    case show
    case quit

    /// Every command with its arguments and what it does, in the order `.help` lists them.
    static let summaries: [(usage: String, summary: String)] = [
        (".help", "show this list"),
        (".output table|json|jsonl|csv|text", "the format of the results that follow (.mode says the same)"),
        (".headers on|off", "print the header row (table, csv, text)"),
        (".timing on|off", "after each statement: rows, API calls, pages, retries and seconds"),
        (".dryrun on|off", "plan statements and print their HTTP calls instead of sending them"),
        (".explain SQL", "print the plan of SQL (as EXPLAIN SQL does), sending nothing"),
        (".pager on|off", "send results taller than the terminal through $PAGER (default: less -FRX)"),
        (".read FILE", "run the statements and commands of FILE"),
        (".once FILE", "write the next result to FILE"),
        (".cache on|off|clear|ttl N", "the response cache: on (its last TTL, else 300 s), off, drop every entry, answer from it for N s; alone: how it stands"),
        (".show", "print the current settings"),
        (".quit, .exit", "leave the shell (so does Ctrl-D on an empty line)"),
    ]

    /// The command names, with their dot, for completion.
    static let names = [".cache", ".dryrun", ".exit", ".explain", ".headers", ".help", ".mode", ".once", ".output", ".pager",
                        ".quit", ".read", ".show", ".timing"]

    /// Whether a line is a meta-command rather than SQL.
    static func isMetaCommand(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix(".")
    }

    /// Parses a `.command argument` line.
    /// - Throws: ``ShellError`` naming the command or argument that is wrong and what is accepted.
    static func parse(_ line: String) throws -> MetaCommand {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let argument = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespacesAndNewlines)
        func noArgument(_ command: MetaCommand) throws -> MetaCommand {
            guard argument.isEmpty else { throw ShellError("\(name) takes no argument") }
            return command
        }
        func switchValue() throws -> Bool {
            switch argument.lowercased() {
            case "on", "yes", "true", "1": return true
            case "off", "no", "false", "0": return false
            default: throw ShellError("\(name) takes on or off\(argument.isEmpty ? "" : ", not '\(argument)'")")
            }
        }
        func path() throws -> String {
            let unquoted = Self.unquoted(argument)
            guard !unquoted.isEmpty else { throw ShellError("\(name) takes a file name") }
            return unquoted
        }
        switch name.lowercased() {
        case ".help": return .help
        case ".quit", ".exit": return try noArgument(.quit)
        case ".show": return try noArgument(.show)
        case ".headers": return .headers(try switchValue())
        case ".timing": return .timing(try switchValue())
        case ".dryrun": return .dryRun(try switchValue())
        case ".pager": return .pager(try switchValue())
        case ".read": return .read(try path())
        case ".once": return .once(try path())
        case ".output", ".mode":
            guard let format = OutputFormat(rawValue: argument.lowercased()) else {
                let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ShellError("\(name) takes one of \(formats)\(argument.isEmpty ? "" : ", not '\(argument)'")")
            }
            return .output(format)
        case ".cache":
            let words = argument.lowercased().split(separator: " ", omittingEmptySubsequences: true)
            switch (words.first.map(String.init), words.count) {
            case (nil, _): return .cache(.status)
            case ("on", 1): return .cache(.on)
            case ("off", 1): return .cache(.off)
            case ("clear", 1): return .cache(.clear)
            case ("ttl", 2):
                guard let seconds = Double(words[1]), seconds >= 0, seconds <= 86_400 * 365 else {
                    throw ShellError(".cache ttl takes a number of seconds (0 turns the cache off), not '\(words[1])'")
                }
                return .cache(.ttl(seconds))
            default:
                throw ShellError(".cache takes on, off, clear or ttl SECONDS, not '\(argument)'")
            }
        case ".explain":
            guard !argument.isEmpty else { throw ShellError(".explain takes a statement, e.g. .explain SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'") }
            return .explain(argument)
        default:
            throw ShellError("unknown command '\(name)': .help lists the commands")
        }
    }

    /// A file name without the quotes around it.
    private static func unquoted(_ text: String) -> String {
        for quote in ["'", "\""] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
