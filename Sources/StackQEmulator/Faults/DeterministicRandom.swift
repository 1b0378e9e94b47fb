/// SplitMix64: a small, fast generator whose sequence is fixed by its seed, so fault runs (and the tests' fuzz
/// runs) repeat exactly.
public struct DeterministicRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<1.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// `count` lowercase hex digits.
    mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count {
            text += String(next(), radix: 16)
        }
        return String(text.prefix(count))
    }

    /// A UUID-formatted string (`8-4-4-4-12` hex).
    mutating func uuid() -> String {
        let h = hex(32)
        let i = h.startIndex
        func part(_ from: Int, _ length: Int) -> Substring {
            h[h.index(i, offsetBy: from)..<h.index(i, offsetBy: from + length)]
        }
        return "\(part(0, 8))-\(part(8, 4))-4\(part(13, 3))-a\(part(17, 3))-\(part(20, 12))"
    }
}
