/// SHOW, DESCRIBE and REGISTRY statements.
extension StatementParser {
    mutating func parseShow() throws(SyntaxError) -> ShowStatement {
        let start = current.range.start
        try expect(.show)
        let hints = parseHints()
        let extended = consume(.extended) != nil
        let kind: ShowStatement.Kind
        switch current.kind == .word ? current.keyword : nil {
        case .providers?: kind = .providers
        case .services?: kind = .services
        case .resources?: kind = .resources
        case .methods?: kind = .methods
        case .calls?: kind = .calls
        case .auth?: kind = .auth
        case .tables?: kind = .tables
        case .views?: kind = .views
        case .insert?:
            advance()
            try expect(.into)
            let resource = try parseQualifiedName("a resource name", maxParts: 3)
            var show = ShowStatement(extended: extended, kind: .insert, scope: resource, range: range(from: start))
            show.hints = hints
            return show
        default: throw expected("PROVIDERS, SERVICES, RESOURCES, METHODS, CALLS, AUTH, TABLES, VIEWS or INSERT INTO")
        }
        advance()
        if kind == .calls || kind == .auth {
            return ShowStatement(extended: extended, kind: kind, range: range(from: start))
        }
        if kind == .tables || kind == .views {
            var filter: ShowFilter?
            if consume(.like) != nil {
                guard at(.string) else { throw expected("a string pattern after LIKE") }
                filter = .like(stringValue(advance()))
            }
            return ShowStatement(extended: extended, kind: kind, filter: filter, range: range(from: start))
        }
        var scope: QualifiedName?
        if consume(.in) != nil || consume(.from) != nil {
            scope = try parseQualifiedName("a provider, service or resource name", maxParts: 3)
        }
        var filter: ShowFilter?
        if consume(.like) != nil {
            guard at(.string) else { throw expected("a string pattern after LIKE") }
            filter = .like(stringValue(advance()))
        } else if consume(.where) != nil {
            filter = .whereClause(try parseExpression())
        }
        return ShowStatement(extended: extended, kind: kind, scope: scope, filter: filter, range: range(from: start))
    }

    mutating func parseDescribe() throws(SyntaxError) -> Statement {
        let start = current.range.start
        advance()
        if at(.method), peek().kind == .word || peek().kind == .quotedIdentifier {
            advance()
            let name = try parseQualifiedName("a resource method name", maxParts: 4)
            guard name.parts.count >= 2 else {
                throw error("expected resource.method after DESCRIBE METHOD", at: current)
            }
            let resource = QualifiedName(parts: Array(name.parts.dropLast()),
                                         range: SourceRange(start: name.range.start,
                                                            end: name.parts[name.parts.count - 2].range.end))
            return .describeMethod(DescribeMethodStatement(resource: resource, method: name.last, range: range(from: start)))
        }
        let extended = consume(.extended) != nil
        let resource = try parseQualifiedName("a resource name", maxParts: 3)
        return .describe(DescribeStatement(extended: extended, resource: resource, range: range(from: start)))
    }

    mutating func parseRegistry() throws(SyntaxError) -> RegistryStatement {
        let start = current.range.start
        try expect(.registry)
        if consume(.list) != nil {
            let provider = atIdentifier ? identifier(from: advance()) : nil
            return RegistryStatement(action: .list(provider: provider), range: range(from: start))
        }
        guard consume(.pull) != nil else { throw expected("LIST or PULL after REGISTRY") }
        let provider = try parseIdentifier("a provider name")
        var version: String?
        if at(.string) {
            version = stringValue(advance())
        } else if !at(.semicolon), !at(.endOfInput) {
            let versionStart = current.range.start
            while !at(.semicolon), !at(.endOfInput) { advance() }
            version = String(decoding: bytes[versionStart..<previousEnd], as: UTF8.self)
        }
        return RegistryStatement(action: .pull(provider: provider, version: version), range: range(from: start))
    }
}
