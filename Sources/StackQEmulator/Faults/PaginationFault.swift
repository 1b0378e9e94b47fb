/// Fails list requests at one page of a pagination sequence, to test what a client does half-way through.
///
/// Pages are counted per sequence: the request without a `pageToken` is page 1, the one with the token it
/// returned is page 2, and so on.
public struct PaginationFault: Sendable, Hashable {
    /// The page number (1-based) that fails.
    public var page: Int
    /// Only collections whose path contains this text (`/sessions`), or every collection when nil.
    public var collectionContaining: String?
    /// True: every request for that page fails. False: it fails once per collection, then succeeds.
    public var always: Bool
    /// The error the page is answered with (503 UNAVAILABLE unless given).
    public var fault: Fault

    /// A fault at `page` of every collection's lists, once each, unless told otherwise.
    public init(page: Int, collectionContaining: String? = nil, always: Bool = false, fault: Fault = .unavailable) {
        self.page = page
        self.collectionContaining = collectionContaining
        self.always = always
        self.fault = fault
    }
}
