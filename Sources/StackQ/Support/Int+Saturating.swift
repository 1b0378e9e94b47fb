extension Int {
    /// `self * other`, or `Int.max` where the product would overflow: a count of calls that only has to be
    /// compared with `--max-calls` (three IN lists of 100,000 values make 10^15 calls, ten make more than Int.max).
    func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    /// `self + other`, or `Int.max` where the sum would overflow.
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    /// A saturated count in words: `Int.max` stands for that many or more.
    var saturatedDescription: String { self == .max ? "\(Int.max) or more" : String(self) }
}
