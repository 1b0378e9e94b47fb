import Foundation

/// A `--generate` value that cannot be read.
public struct GenerateSpecError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The whole `--generate` value.
    public var text: String
    /// The comma-separated part that cannot be read.
    public var part: String

    public var description: String {
        "cannot read \"\(part)\" in --generate \"\(text)\": expected sessions=N, jobs=N, projects=N or locations=N separated by commas"
    }

    public var errorDescription: String? { description }
}
