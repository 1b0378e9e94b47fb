/// One API method of a resource: how to call it and what it returns.
public struct Method: Sendable, Hashable {
    /// The name used in SQL and EXEC (`projects_locations_sessions_list`).
    public var name: String
    public var description: String?
    /// The SQL verb the method serves (`exec` when the document lists it under no verb).
    public var sqlVerb: SQLVerb
    /// The method's position in its verb's `sqlVerbs` list (0 = preferred); ties keep document order.
    public var sqlVerbOrder: Int
    /// The HTTP method, upper case (`GET`).
    public var httpMethod: String
    /// The path template relative to the server URL, with a leading slash
    /// (`/v1/projects/{projectsId}/locations/{locationsId}/sessions`).
    public var path: String
    /// Path, query and header parameters, in document order.
    public var parameters: [Parameter]
    /// The request body, if the method takes one.
    public var requestBody: RequestBody?
    /// What the method returns.
    public var response: ResponseInfo
    /// Page tokens, resolved from the method, resource, service or provider `x-stackQL-config`.
    public var pagination: Pagination?
    /// True when the method returns a long-running operation that can be waited on.
    public var isAwaitable: Bool
    /// Servers that override the service's for this method, if any.
    public var servers: [Server]

    /// A method with these parts; `sqlVerbOrder` 0 makes it the first choice for its verb.
    public init(name: String, description: String? = nil, sqlVerb: SQLVerb, sqlVerbOrder: Int = 0,
                httpMethod: String, path: String, parameters: [Parameter], requestBody: RequestBody? = nil,
                response: ResponseInfo, pagination: Pagination? = nil, isAwaitable: Bool = false,
                servers: [Server] = []) {
        self.name = name
        self.description = description
        self.sqlVerb = sqlVerb
        self.sqlVerbOrder = sqlVerbOrder
        self.httpMethod = httpMethod
        self.path = path
        self.parameters = parameters
        self.requestBody = requestBody
        self.response = response
        self.pagination = pagination
        self.isAwaitable = isAwaitable
        self.servers = servers
    }

    /// The parameters the method cannot be called without, in document order.
    public var requiredParameters: [Parameter] {
        parameters.filter(\.isRequired)
    }

    /// The parameter named `name`, or nil.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

/// A method's request body.
public struct RequestBody: Sendable, Hashable {
    /// The body's media type as the document gives it; stackq sends every body as `application/json`.
    public var mediaType: String
    /// The body's schema. INSERT, UPDATE and EXEC fill its properties from columns named `data__field` or `field`.
    public var schema: SchemaRef
    /// True when the document marks the body `required`. stackq does not read it: a method that takes a body is
    /// always sent one (`{}` when the statement gives no field).
    public var isRequired: Bool

    /// A body of `schema`, JSON unless another media type is given.
    public init(mediaType: String = "application/json", schema: SchemaRef, isRequired: Bool = false) {
        self.mediaType = mediaType
        self.schema = schema
        self.isRequired = isRequired
    }
}

/// What a method returns and where its rows are.
public struct ResponseInfo: Sendable, Hashable {
    /// The response's media type (`application/json`).
    public var mediaType: String
    /// The schema of the whole response body.
    public var schema: SchemaRef?
    /// The JSON path of the row array in the response (`$.sessions`); nil when the body is the row.
    public var objectKey: String?

    /// A response, JSON unless told otherwise; a nil `schema` means the shape of its rows is unknown.
    public init(mediaType: String = "application/json", schema: SchemaRef? = nil, objectKey: String? = nil) {
        self.mediaType = mediaType
        self.schema = schema
        self.objectKey = objectKey
    }
}

/// Where the page token goes in a request and comes from in a response.
public struct Pagination: Sendable, Hashable {
    /// Where a token is carried.
    public enum Location: String, Sendable, Hashable { case query, header, body }

    /// The request's token parameter (`pageToken` in the query).
    public var requestToken: String
    /// Where the token goes in the next request. stackq sends it only in the query; for `header` or `body` it is not
    /// sent. An empty ``requestToken`` means the response's token is the whole next URL.
    public var requestTokenLocation: Location
    /// The response's token field (`nextPageToken` in the body).
    public var responseToken: String
    /// Where the next token is found: a top-level member of the JSON body (`query` is read the same way), or a
    /// header (its value; for `Link`, the `rel="next"` URL). A missing or empty token ends the paging.
    public var responseTokenLocation: Location

    /// Tokens sent in the query and read from the response body, unless told otherwise.
    public init(requestToken: String, requestTokenLocation: Location = .query,
                responseToken: String, responseTokenLocation: Location = .body) {
        self.requestToken = requestToken
        self.requestTokenLocation = requestTokenLocation
        self.responseToken = responseToken
        self.responseTokenLocation = responseTokenLocation
    }

    /// Google's convention: `pageToken` in the query, `nextPageToken` in the body.
    public static let google = Pagination(requestToken: "pageToken", responseToken: "nextPageToken")
}
