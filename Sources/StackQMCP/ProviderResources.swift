import Foundation
import MCP
import StackQ

/// The registry as MCP resources: `stackq://providers` (every provider), `stackq://providers/{provider}` (its
/// services) and `stackq://providers/{provider}/{service}` (its resources), each a JSON table like a tool's.
enum ProviderResources {
    static let scheme = "stackq://providers"

    static let templates = [
        MCP.Resource.Template(uriTemplate: "\(scheme)/{provider}", name: "provider",
                          description: "The services of a provider (SHOW SERVICES IN provider).", mimeType: "application/json"),
        MCP.Resource.Template(uriTemplate: "\(scheme)/{provider}/{service}", name: "service",
                          description: "The resources of a service, the tables to query (SHOW RESOURCES IN provider.service).",
                          mimeType: "application/json"),
    ]

    /// The statement that answers `uri`, or nil when it names nothing of the registry.
    static func statement(for uri: String) -> String? {
        guard uri == scheme || uri.hasPrefix(scheme + "/") else { return nil }
        let parts = uri.dropFirst(scheme.count).split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { $0.removingPercentEncoding ?? String($0) }
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "_" || $0 == "-" || ($0.isASCII && ($0.isLetter || $0.isNumber)) } })
        else { return nil }
        switch parts.count {
        case 0: return "SHOW PROVIDERS"
        case 1: return "SHOW SERVICES IN \(parts[0])"
        case 2: return "SHOW RESOURCES IN \(parts[0]).\(parts[1])"
        default: return nil
        }
    }
}

extension StackQMCPServer {
    /// `stackq://providers` and one resource per provider of the registry.
    func listResources() async throws -> ListResources.Result {
        var facts = Facts()
        let (reply, _) = try await collect("SHOW PROVIDERS", maxRows: configuration.maximumRows, sink: nil, facts: &facts)
        var resources = [MCP.Resource(name: "providers", uri: ProviderResources.scheme, title: "stackq providers",
                                  description: "Every provider of stackq's registry.", mimeType: "application/json")]
        for row in reply.rows {
            guard let name = row.first?.stringValue else { continue }
            resources.append(MCP.Resource(name: name, uri: "\(ProviderResources.scheme)/\(name)", title: "\(name) services",
                                      description: "The services of the \(name) provider.", mimeType: "application/json"))
        }
        return ListResources.Result(resources: resources)
    }

    /// The table a `stackq://providers…` URI names, as JSON.
    func readResource(_ uri: String) async throws -> ReadResource.Result {
        guard let sql = ProviderResources.statement(for: uri) else {
            throw MCPError.invalidParams("stackq has no resource \(uri): its resources are \(ProviderResources.scheme), \(ProviderResources.scheme)/{provider} and \(ProviderResources.scheme)/{provider}/{service}")
        }
        var facts = Facts()
        let value: Value
        do {
            value = try await table(sql, maxRows: configuration.maximumRows, sink: nil, facts: &facts)
        } catch {
            throw MCPError.invalidParams(StackQMCPServer.describe(error, redactor: engine.redactor))
        }
        return ReadResource.Result(contents: [.text(StackQMCPServer.json(value), uri: uri, mimeType: "application/json")])
    }
}
