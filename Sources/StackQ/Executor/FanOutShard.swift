import Foundation

/// One of N shares of a statement's outermost fan-out (`--shard I/N`): the calls of its first stage whose parameter
/// values hash (FNV-1a, the same on every machine) to this share. The stages read from those calls' rows follow, so
/// N processes given 1/N … N/N make every call once between them.
///
/// ```swift
/// var configuration = EngineConfiguration()
/// configuration.shard = try FanOutShard(parsing: "2/4")
/// ```
public struct FanOutShard: Sendable, Hashable, CustomStringConvertible {
    /// Which share, from 1.
    public let index: Int
    /// How many shares.
    public let count: Int

    /// Share `index` (1…`count`) of `count`.
    ///
    /// - Throws: ``Invalid`` when `count` is below 1 or `index` is outside 1…`count`.
    public init(index: Int, count: Int) throws(Invalid) {
        guard count >= 1, (1...count).contains(index) else { throw Invalid(text: "\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// `I/N`, as `--shard` takes it.
    public init(parsing text: String) throws(Invalid) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let count = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { throw Invalid(text: text) }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// True when the call with these parameter values is this share's.
    public func contains(_ parameters: [String: String]) -> Bool {
        Int(FanOutShard.stableHash(parameters) % UInt64(count)) == index - 1
    }

    /// FNV-1a of the values in the order of their names (`name=value`, each ended by a 0 byte).
    static func stableHash(_ parameters: [String: String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in parameters.keys.sorted() {
            for byte in name.utf8 + [UInt8(ascii: "=")] + (parameters[name] ?? "").utf8 + [0] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// A `--shard` that is not `I/N` with 1 ≤ I ≤ N.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        /// What was given.
        public var text: String
        public var description: String { "'\(text)' is not a shard: give I/N with 1 <= I <= N (e.g. 2/4)" }
    }
}
