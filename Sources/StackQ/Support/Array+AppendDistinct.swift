extension Array where Element: Hashable {
    /// Appends each element of `values` the array does not hold yet, in their order, with one hash lookup per
    /// element: a 100,000-literal `IN` list binds in linear time (a `contains` per value made it quadratic).
    ///
    /// ```swift
    /// var values = ["a", "b"]
    /// values.appendDistinct(["b", "c", "c"])   // ["a", "b", "c"]
    /// ```
    mutating func appendDistinct(_ values: [Element]) {
        var seen = Set(self)
        seen.reserveCapacity(count + values.count)
        for value in values where seen.insert(value).inserted { append(value) }
    }
}
