import Foundation
@testable import StackQ
import Testing

/// Issue 32 item 3: a provider document is data from outside. Alias bombs, deep nesting, `$ref` chains and
/// oversized files are refused with the file and the limit named, and no document makes stackq read outside the
/// registry folder.
@Suite struct HostileRegistryTests {
    /// A registry whose provider `acme` lists one service `svc` at `reference`, with `document` written at
    /// `acme/v1/services/<file>`.
    static func registry(document: String = "{}", file: String = "svc.yaml", reference: String? = nil,
                         providerExtra: String = "") throws -> (registry: Registry, root: URL) {
        let root = try RegistryFixtures.temporaryDirectory()
        let folder = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("services"), withIntermediateDirectories: true)
        try Data("""
            id: acme
            name: acme
            version: v1
            \(providerExtra)
            providerServices:
              svc:
                id: svc:v1
                name: svc
                preferred: true
                service:
                  $ref: \(reference ?? "acme/v1/services/\(file)")
            """.utf8).write(to: folder.appendingPathComponent("provider.yaml"))
        try Data(document.utf8).write(to: folder.appendingPathComponent("services/\(file)"))
        return (Registry(root: root, cacheDirectory: nil), root)
    }

    /// "Billion laughs": nine levels of ten aliases each stand for 10⁹ strings in 1 KB.
    static let aliasBomb = """
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
        """

    static func reason(_ body: () throws -> Void) throws -> (path: String, reason: String) {
        let error = try #require(throws: RegistryError.self, performing: body)
        guard case .malformedDocument(let path, let reason) = error else {
            Issue.record("unexpected \(error)")
            return ("", "")
        }
        return (path, reason)
    }

    @Test func anAliasBombInAServiceDocumentIsRefusedNamingTheFileAndTheLimit() throws {
        let registry = try Self.registry(document: Self.aliasBomb).registry
        let (path, reason) = try Self.reason { _ = try registry.service(provider: "acme", name: "svc") }
        #expect(path.hasSuffix("services/svc.yaml"))
        #expect(reason.contains("more than \(YAMLDocumentReader.maximumNodes(forBytes: Self.aliasBomb.utf8.count)) nodes"), "\(reason)")
        #expect(reason.contains("alias"))
    }

    @Test func anAliasBombInAProviderDocumentIsRefused() throws {
        let registry = try Self.registry(providerExtra: "x-bomb:\n" + Self.aliasBomb.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")).registry
        let (path, reason) = try Self.reason { _ = try registry.providers() }
        #expect(path.hasSuffix("acme/v1/provider.yaml"))
        #expect(reason.contains("alias"), "\(reason)")
    }

    @Test func aDocumentWithAliasesWithinBoundsStillLoads() throws {
        let value = try YAMLDocumentReader.parse("base: &base {type: string}\nx: *base\ny: [*base, *base]\n")
        #expect(value["y"]?.elements.count == 2)
        #expect(value["x"]?["type"]?.stringValue == "string")
    }

    @Test func nestingDeeperThanTheCapIsRefused() throws {
        let depth = YAMLDocumentReader.maximumDepth + 10
        let document = "x: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let registry = try Self.registry(document: document).registry
        let (_, reason) = try Self.reason { _ = try registry.service(provider: "acme", name: "svc") }
        #expect(reason == "nests deeper than \(YAMLDocumentReader.maximumDepth) levels")
    }

    static func serviceDocument(schemas: [(String, String)]) -> String {
        let members = schemas.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ",")
        return #"{"openapi":"3.0.0","info":{"title":"svc","version":"v1"},"paths":{},"components":{"schemas":{\#(members)},"x-stackQL-resources":{}}}"#
    }

    @Test func aLongRefChainIsRefused() throws {
        let chain = (0..<200).map { ("S\($0)", ##"{"$ref":"#/components/schemas/S\##($0 + 1)"}"##) } + [("S200", #"{"type":"string"}"#)]
        let registry = try Self.registry(document: Self.serviceDocument(schemas: chain), file: "svc.json").registry
        let (path, reason) = try Self.reason { _ = try registry.service(provider: "acme", name: "svc") }
        #expect(path.hasSuffix("services/svc.json"))
        #expect(reason.contains("follows a chain of more than \(SchemaConverter.maximumReferenceDepth) $refs"), "\(reason)")
    }

    @Test func anAllOfRefBombIsRefused() throws {
        let levels = (0..<12).map { level in
            ("S\(level)", #"{"allOf":["# + Array(repeating: ##"{"$ref":"#/components/schemas/S\##(level + 1)"}"##, count: 10).joined(separator: ",") + "]}")
        } + [("S12", #"{"type":"object","properties":{"a":{"type":"string"}}}"#)]
        let registry = try Self.registry(document: Self.serviceDocument(schemas: levels), file: "svc.json").registry
        let (_, reason) = try Self.reason { _ = try registry.service(provider: "acme", name: "svc") }
        #expect(reason.contains("expands more than \(SchemaConverter.maximumExpansions) $refs"), "\(reason)")
    }

    @Test func aDocumentLargerThanTheCapIsRefusedUnread() throws {
        let (registry, root) = try Self.registry(file: "svc.json")
        let file = root.appendingPathComponent("src/acme/v1/services/svc.json")
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(DocumentReader.maximumDocumentBytes) + 1)
        try handle.close()
        let (_, reason) = try Self.reason { _ = try registry.service(provider: "acme", name: "svc") }
        #expect(reason == "cannot be read (it is longer than 128 MiB, the most a registry document may be)")
    }

    @Test(arguments: ["../../../../../../etc/passwd", "/etc/passwd", "acme/../../../outside.yaml", "~/.ssh/id_rsa"])
    func aServiceReferenceOutsideTheRegistryIsRefused(_ reference: String) throws {
        let registry = try Self.registry(reference: reference).registry
        let (path, reason) = try Self.reason { _ = try registry.providers() }
        #expect(path.hasSuffix("provider.yaml"))
        #expect(reason.contains("outside the registry folder"), "\(reason)")
    }
}
