/// An optimiser hint from a `/*+ … */` comment after the statement keyword.
public enum Hint: Sendable, Hashable {
    /// `AWAIT`: wait for a long-running operation to finish.
    case await
    /// `SHOWRESULTS`: print the result of a mutation.
    case showResults
    /// Any other word, uppercased.
    case other(String)

    /// The hint's spelling, uppercased.
    public var name: String {
        switch self {
        case .await: "AWAIT"
        case .showResults: "SHOWRESULTS"
        case .other(let word): word
        }
    }
}
