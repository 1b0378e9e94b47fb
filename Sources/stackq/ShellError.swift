import Foundation

/// A problem of the shell itself (a meta-command it cannot run, a file it cannot read), as one readable sentence.
struct ShellError: Error, CustomStringConvertible, LocalizedError, Sendable {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    var errorDescription: String? { description }
}
