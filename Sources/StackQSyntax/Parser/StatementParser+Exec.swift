/// `EXEC [hint] resource.method [@p = literal, …] [@@json = '…']`.
///
/// Arguments are separated by commas or by whitespace alone, as StackQL's docs write them, one
/// per line with the comma inside a trailing comment: `@projectsId = 'p1' --required,`.
extension StatementParser {
    mutating func parseExec() throws(SyntaxError) -> ExecStatement {
        let start = current.range.start
        try expect(.exec)
        let hints = parseHints()
        let name = try parseQualifiedName("a resource method name", maxParts: 4)
        guard name.parts.count >= 2 else {
            throw error("expected a method name: EXEC needs resource.method, found '\(name.dotted)'", at: current)
        }
        let resource = QualifiedName(parts: Array(name.parts.dropLast()),
                                     range: SourceRange(start: name.range.start, end: name.parts[name.parts.count - 2].range.end))
        var arguments: [ExecArgument] = []
        var jsonBody: String?
        if at(.parameter) {
            repeat {
                let argumentStart = current.range.start
                guard atExecArgument else {
                    throw expected("an argument like @name = 'value'")
                }
                let parameter = advance()
                var spelling = text(parameter)
                // A dotted name (`@dynamicTemplate.gcsPath`, a nested query parameter of Google's) is one name
                // when written without spaces.
                while at(.dot), current.range.start == previousEnd, peek().kind == .word,
                      peek().range.start == current.range.end {
                    advance()
                    spelling += "." + text(advance())
                }
                guard consume(.equal) != nil || consume(.doubleEqual) != nil else { throw expected("'='") }
                if spelling.hasPrefix("@@") {
                    guard String(spelling.dropFirst(2)).lowercasedASCII == "json" else {
                        throw error("unknown EXEC option '\(spelling)'; only @@json is supported", at: parameter)
                    }
                    guard at(.string) else { throw expected("a string literal after @@json =") }
                    jsonBody = stringValue(advance())
                } else {
                    let value = try parseExecLiteral()
                    arguments.append(ExecArgument(name: String(spelling.dropFirst()), value: value,
                                                  range: range(from: argumentStart)))
                }
            } while consume(.comma) != nil || atExecArgument
        }
        return ExecStatement(hints: hints, resource: resource, method: name.last, arguments: arguments,
                             jsonBody: jsonBody, range: range(from: start))
    }

    /// An `@name` or `@@json` argument, which may follow the previous one without a comma.
    private var atExecArgument: Bool {
        at(.parameter) && bytes[current.range.start] == UInt8(ascii: "@")
    }

    /// A literal argument value: string, number (optionally signed), TRUE, FALSE or NULL.
    private mutating func parseExecLiteral() throws(SyntaxError) -> Literal {
        var negative = false
        if at(.minus) || at(.plus) {
            negative = at(.minus)
            advance()
            guard at(.integer) || at(.real) else { throw expected("a number") }
        }
        switch current.kind {
        case .string, .integer, .real, .blob:
            let value = try literal(from: advance())
            guard negative else { return value }
            switch value {
            case .integer(let n): return n == Int64.min ? .real(-Double(n)) : .integer(-n)
            case .real(let x): return .real(-x)
            default: return value
            }
        case .word where current.keyword == .true:
            advance()
            return .bool(true)
        case .word where current.keyword == .false:
            advance()
            return .bool(false)
        case .word where current.keyword == .null:
            advance()
            return .null
        default:
            throw expected("a literal value (string, number, TRUE, FALSE or NULL)")
        }
    }
}
