import Foundation
import StackQ
import StackQSyntax

/// Tab completion for the shell: keywords; provider, service, resource and method names at any depth
/// (`google.datap` → `google.dataproc.`); the columns and parameters of the resources the statement names (after
/// SELECT, WHERE, ON, …); `@parameters` of an EXEC'd method; meta-commands and their arguments; file names after
/// `.read` and `.once`.
///
/// Names come from the ``Registry``, which reads a service's document on first use and keeps it, so only the
/// first Tab into a large service waits for it to load.
struct ShellCompleter: Sendable {
    /// Nil when the registry cannot be found: then only keywords and meta-commands complete.
    let registry: Registry?
    /// The user's tables and views (``Engine/storedObjectNames``), completed where a table name goes.
    var storedNames: @Sendable () -> [String] = { [] }

    /// The completion at the end of `before` (the statement up to the cursor); `after` is the rest of the line,
    /// read only for the resources it names (`SELECT na<TAB> FROM google.dataproc.sessions`).
    func complete(before: String, after: String = "") -> Completion {
        let line = before.drop { $0 == " " || $0 == "\t" }
        if line.hasPrefix("."), !line.contains("\n") {
            return completeMetaCommand(String(line))
        }
        let scan = CompletionScanner(before)
        guard !scan.endsInsideQuoteOrComment else { return .none }
        let statement = scan.currentStatement
        let word = scan.wordAtEnd
        let context = word.isEmpty ? statement : Array(statement.dropLast())
        let references = resourceReferences(in: statement + CompletionScanner(after).firstStatement)
        return Completion(word: word, candidates: candidates(for: word, after: context, references: references))
    }

    // MARK: Contexts

    /// Where a word stands in a statement, from the tokens before it.
    enum Place: Equatable {
        case statementStart
        /// A dotted name whose last part has `depth` parts (1 provider, 2 service, 3 resource, 4 method).
        case name(depth: Int)
        /// Inside an expression: columns, parameters and expression keywords.
        case expression
        /// An `@parameter` of an EXEC'd method.
        case execParameter
        /// After a table in FROM: what may follow it (WHERE, JOIN, AS, …).
        case afterTable
        /// Anywhere else: keywords.
        case keyword
    }

    func place(of word: String, after tokens: [CompletionScanner.Token]) -> Place {
        let words = tokens.map { $0.text.uppercased() }
        guard let first = words.first else { return word.hasPrefix("@") ? .keyword : .statementStart }
        let previous = words.last ?? ""
        let previousIsName = tokens.last.map { $0.isWord && Keyword(rawValue: $0.text.uppercased()) == nil } ?? false
        switch first {
        case "SHOW":
            let kind = words.dropFirst().first { ["PROVIDERS", "SERVICES", "RESOURCES", "METHODS"].contains($0) }
            if previous == "IN" {
                switch kind {
                case "SERVICES": return .name(depth: 1)
                case "RESOURCES": return .name(depth: 2)
                case "METHODS": return .name(depth: 3)
                default: return .keyword
                }
            }
            return words.contains("WHERE") ? .expression : .keyword
        case "DESCRIBE":
            if previous == "DESCRIBE" || previous == "EXTENDED" { return .name(depth: 3) }
            if previous == "METHOD" { return .name(depth: 4) }
            return .keyword
        case "EXEC":
            // Comments (a `/*+ AWAIT */` hint) are no tokens: the name is the word right after EXEC.
            if words.count == 1 { return .name(depth: 4) }
            return word.hasPrefix("@") || previous == "," ? .execParameter : .keyword
        case "REGISTRY":
            return .keyword
        case "DROP", "REFRESH":
            // Only the user's tables and views: depth 0 names nothing of the registry's.
            return ["TABLE", "VIEW", "EXISTS"].contains(previous) ? .name(depth: 0) : .keyword
        default:
            break
        }
        // The last clause keyword decides: after FROM a resource name, after WHERE an expression, …
        for (index, text) in words.enumerated().reversed() {
            switch text {
            case "FROM", "JOIN", "INTO", "UPDATE":
                let isLast = index == words.count - 1
                if isLast || previous == "," { return .name(depth: 3) }
                return previousIsName ? .afterTable : .expression
            case "REPLACE" where index == 0:
                return index == words.count - 1 ? .name(depth: 3) : .expression
            case "SELECT", "WHERE", "ON", "AND", "OR", "BY", "HAVING", "SET", "WHEN", "THEN", "ELSE", "NOT",
                 "DISTINCT", "CASE", "LIKE", "IN", "IS", "BETWEEN", "USING", "RETURNING", "VALUES":
                return .expression
            default:
                continue
            }
        }
        return .keyword
    }

    func candidates(for word: String, after tokens: [CompletionScanner.Token],
                    references: [ResourceName]) -> [String] {
        let place = place(of: word, after: tokens)
        var found: [String]
        switch place {
        case .statementStart:
            found = matchingKeywords(Self.statementKeywords, word)
        case .name(let depth):
            found = names(word, targetDepth: depth)
            if !word.contains(".") {
                found += storedNames().filter { $0.lowercased().hasPrefix(word.lowercased()) }
            }
        case .execParameter:
            let method = references.first { $0.parts.count == 4 }
            found = method.map { methodParameters($0).map { "@" + $0 } } ?? []
            found = found.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        case .expression:
            found = expressionNames(word, references: references) + matchingKeywords(Self.expressionKeywords, word)
        case .keyword:
            found = matchingKeywords(Self.clauseKeywords, word)
        case .afterTable:
            found = matchingKeywords(Self.afterTableKeywords, word)
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }.sorted()
    }

    // MARK: Registry names

    /// A `provider.service.resource[.method]` named in the statement, with the alias that follows it.
    struct ResourceName: Equatable {
        var parts: [String]
        var alias: String?
    }

    func resourceReferences(in tokens: [CompletionScanner.Token]) -> [ResourceName] {
        var found: [ResourceName] = []
        for (index, token) in tokens.enumerated() where token.isWord {
            let parts = token.text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 || parts.count == 4, !parts.contains(where: \.isEmpty) else { continue }
            var alias: String?
            var next = index + 1
            if next < tokens.count, tokens[next].text.uppercased() == "AS" { next += 1 }
            if next < tokens.count, tokens[next].isWord, Keyword(rawValue: tokens[next].text.uppercased()) == nil,
               !tokens[next].text.contains(".") {
                alias = tokens[next].text
            }
            found.append(ResourceName(parts: parts, alias: alias))
        }
        return found
    }

    /// The names one level below what `word` names so far, at `targetDepth` without a trailing dot.
    func names(_ word: String, targetDepth: Int) -> [String] {
        guard let registry else { return [] }
        var parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let partial = parts.removeLast().lowercased()
        let depth = parts.count + 1
        guard depth <= targetDepth else { return [] }
        let children: [String]
        do {
            switch parts.count {
            case 0: children = try registry.providers().map(\.name)
            case 1: children = try registry.provider(named: parts[0]).services.map(\.name)
            case 2: children = try registry.resourceList(provider: parts[0], service: parts[1]).map(\.name)
            case 3:
                children = try registry.resource(provider: parts[0], service: parts[1], resource: parts[2])
                    .1.methods.map(\.name)
            default: children = []
            }
        } catch {
            return []
        }
        let prefix = parts.map { $0 + "." }.joined()
        let suffix = depth < targetDepth ? "." : ""
        let matching = children.filter { $0.lowercased().hasPrefix(partial) }
        if depth == 2, depth < targetDepth, matching.count == 1 {
            // The next Tab will list this service's resources: list them now (the first time, a large document
            // takes most of a second) while the user looks at the line.
            let provider = parts[0], service = matching[0]
            DispatchQueue.global(qos: .userInitiated).async { _ = try? registry.resourceList(provider: provider, service: service) }
        }
        return matching.map { prefix + $0 + suffix }
    }

    /// Columns and parameters of the statement's resources, bare or after an alias (`s.na` → `s.name`).
    func expressionNames(_ word: String, references: [ResourceName]) -> [String] {
        let lowered = word.lowercased()
        if let dot = word.lastIndex(of: ".") {
            let qualifier = String(word[..<dot])
            let matching = references.filter { $0.alias == qualifier || $0.parts.last == qualifier || $0.parts.joined(separator: ".") == qualifier }
            return matching.flatMap(fieldNames).map { qualifier + "." + $0 }.filter { $0.lowercased().hasPrefix(lowered) }
                + (matching.isEmpty ? names(word, targetDepth: 3) : [])
        }
        let fields = references.flatMap(fieldNames) + references.compactMap(\.alias)
        return fields.filter { $0.lowercased().hasPrefix(lowered) } + (word.isEmpty ? [] : names(word, targetDepth: 3))
    }

    /// The columns of a resource's table and the parameters of its select methods.
    func fieldNames(_ reference: ResourceName) -> [String] {
        guard let registry, reference.parts.count == 3,
              let found = try? registry.resource(provider: reference.parts[0], service: reference.parts[1],
                                                 resource: reference.parts[2]) else { return [] }
        let (service, resource) = found
        let columns = registry.columns(of: resource, in: service).map(\.name)
        let parameters = resource.methods(for: .select).flatMap(\.parameters).map(\.name)
        return columns + parameters
    }

    func methodParameters(_ reference: ResourceName) -> [String] {
        guard let registry,
              let method = try? registry.method(provider: reference.parts[0], service: reference.parts[1],
                                                resource: reference.parts[2], method: reference.parts[3]).2
        else { return [] }
        return method.parameters.map(\.name) + (method.requestBody == nil ? [] : ["@json"])
    }

    // MARK: Keywords

    static let statementKeywords = ["SELECT", "SHOW", "DESCRIBE", "EXEC", "INSERT", "UPDATE", "DELETE", "REPLACE",
                                    "REGISTRY", "WITH", "CREATE", "DROP", "REFRESH"]
    static let expressionKeywords = ["AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "GLOB", "BETWEEN", "CASE", "WHEN",
                                     "THEN", "ELSE", "END", "AS", "DISTINCT", "FROM", "WHERE", "GROUP", "ORDER", "BY",
                                     "HAVING", "LIMIT", "OFFSET", "ASC", "DESC", "JOIN", "ON", "UNION", "EXISTS",
                                     "CAST", "TRUE", "FALSE", "SET", "VALUES", "RETURNING"]
    static let afterTableKeywords = ["WHERE", "JOIN", "LEFT", "INNER", "CROSS", "NATURAL", "ON", "USING", "AS",
                                     "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW"]
    /// The dialect's keywords, less those SQLite reserves but the dialect never uses.
    static let clauseKeywords: [String] = {
        let unused: Set<Keyword> = [.add, .alter, .autoincrement, .check, .commit, .constraint, .create, .deferrable,
                                    .drop, .foreign, .index, .indexed, .nothing, .primary, .references, .rollback,
                                    .table, .to, .transaction, .unique]
        return Keyword.allCases.filter { !unused.contains($0) }.map(\.rawValue)
    }()

    /// Keywords starting with `word`, in the case it is typed in (lower case when it has no capital).
    func matchingKeywords(_ keywords: [String], _ word: String) -> [String] {
        guard !word.contains("."), !word.hasPrefix("@") else { return [] }
        let lowerCase = !word.isEmpty && word == word.lowercased()
        return keywords.filter { $0.hasPrefix(word.uppercased()) }.map { lowerCase ? $0.lowercased() : $0 }
    }

    // MARK: Meta-commands

    /// Completes `.command` names, then their argument.
    func completeMetaCommand(_ line: String) -> Completion {
        let name = String(line.prefix { $0 != " " && $0 != "\t" })
        guard name.count < line.count else {
            return Completion(word: name, candidates: MetaCommand.names.filter { $0.hasPrefix(name.lowercased()) })
        }
        let argument = String(line.dropFirst(name.count).drop { $0 == " " || $0 == "\t" })
        func choose(_ values: [String]) -> Completion {
            Completion(word: argument, candidates: values.filter { $0.hasPrefix(argument.lowercased()) })
        }
        switch name.lowercased() {
        case ".output", ".mode": return choose(OutputFormat.allCases.map(\.rawValue))
        case ".headers", ".timing", ".dryrun", ".pager": return choose(["off", "on"])
        case ".cache": return choose(["clear", "off", "on", "ttl"])
        case ".read", ".once":
            guard !argument.contains(" ") else { return .none }
            return Completion(word: argument, candidates: Self.fileNames(startingWith: argument))
        case ".explain": return complete(before: argument)
        default: return .none
        }
    }

    /// Files and folders (with `/`) whose path starts with `prefix`; `~/` stands for the home folder.
    static func fileNames(startingWith prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let home = HomeFolder.url.path
        let listed = folder.isEmpty ? "." : folder.hasPrefix("~/") ? home + folder.dropFirst() : folder
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        return entries.filter { $0.hasPrefix(start) && (start.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { entry in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return folder + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}
