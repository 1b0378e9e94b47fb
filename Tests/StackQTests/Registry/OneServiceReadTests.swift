import Foundation
import Testing
@testable import StackQ

/// A statement that names one service reads that service's entry of a JSON provider document without building
/// the others (`ProviderDocumentLoader.loadEntry`); it must agree with reading the whole provider, and refuse what
/// the whole read refuses.
@Suite struct OneServiceReadTests {
    /// A JSON provider `acme` listing `count` services `svc0`…, each document a service with one resource, and the
    /// service `odd` whose entry is `extra` (its key, name and `$ref` chosen by the test).
    static func registry(count: Int = 40, extra: String = "") throws -> (registry: Registry, root: URL) {
        let root = try RegistryFixtures.temporaryDirectory()
        let folder = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("services"), withIntermediateDirectories: true)
        var entries: [String] = []
        for i in 0..<count {
            entries.append(#""svc\#(i)": {"id": "svc\#(i):v1", "name": "svc\#(i)", "title": "Service \#(i)", "description": "The \#(i)th, with \"quotes\" and {braces}", "revision": "2026\#(i)", "preferred": true, "service": {"$ref": "acme/v1/services/svc\#(i).json"}}"#)
            let document = #"{"info": {"title": "svc\#(i)"}, "components": {"x-stackQL-resources": {"things": {"id": "acme.svc\#(i).things", "name": "things", "methods": {}, "sqlVerbs": {"select": []}}}}}"#
            try Data(document.utf8).write(to: folder.appendingPathComponent("services/svc\(i).json"))
        }
        if !extra.isEmpty { entries.append(extra) }
        let provider = #"{"id": "acme", "name": "acme", "version": "v1", "config": {"auth": {"type": "service_account"}}, "providerServices": {"# + entries.joined(separator: ",\n") + "}}"
        try Data(provider.utf8).write(to: folder.appendingPathComponent("provider.json"))
        return (Registry(root: root, cacheDirectory: nil), root)
    }

    @Test func oneServicesEntryIsTheEntryTheWholeProviderHas() throws {
        let (registry, root) = try Self.registry()
        for name in ["svc0", "svc17", "svc39"] {
            let one = try registry.serviceEntry(provider: "acme", service: name)
            let whole = try #require(try Registry(root: root, cacheDirectory: nil).provider(named: "acme").services.first { $0.name == name })
            #expect(one == whole)
        }
        let header = try registry.providerHeader(named: "acme")
        #expect(header.name == "acme" && header.version == "v1" && header.services.isEmpty)
        #expect(header.authConfig?["type"]?.stringValue == "service_account")
        // Reading one entry does not stand in for the whole provider later.
        #expect(try registry.provider(named: "acme").services.count == 40)
    }

    @Test func aServiceNotListedIsUnknownWithTheSuggestionsOfTheWholeProvider() throws {
        let registry = try Self.registry().registry
        let error = try #require(throws: RegistryError.self) { _ = try registry.serviceEntry(provider: "acme", service: "svc4O") }
        guard case .unknownService(let provider, let name, let suggestions) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(provider == "acme" && name == "svc4O")
        #expect(suggestions.contains("acme.svc40") || suggestions.contains("acme.svc4"), "\(suggestions)")
    }

    @Test func anEntryWhoseNameIsNotItsKeyIsFoundByName() throws {
        let extra = #""alias": {"id": "odd:v1", "name": "odd", "service": {"$ref": "acme/v1/services/svc1.json"}}"#
        let registry = try Self.registry(count: 3, extra: extra).registry
        #expect(try registry.serviceEntry(provider: "acme", service: "odd").id == "odd:v1")
        #expect((try? registry.serviceEntry(provider: "acme", service: "alias")) == nil)
    }

    @Test(arguments: ["../../../outside.json", "/etc/passwd", "acme/v1/../../../../x.json", "~/x.json"])
    func aReferenceOutsideTheRegistryIsRefusedWhenOneServiceIsRead(_ reference: String) throws {
        let extra = #""odd": {"id": "odd:v1", "name": "odd", "service": {"$ref": "\#(reference)"}}"#
        let registry = try Self.registry(count: 3, extra: extra).registry
        let error = try #require(throws: RegistryError.self) { _ = try registry.service(provider: "acme", name: "odd") }
        guard case .malformedDocument(_, let reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(reason.contains("outside the registry folder"), "\(reason)")
    }

    @Test(arguments: [("a/b.json", true), ("a..b/c.json", true), ("..a/b.json", true), ("a/..", false), ("..", false),
                      (#"a\..\b.json"#, false), ("a/./b.json", true), ("", false), ("a\u{0}b", false)])
    func referencesStayInsideTheRegistryByTheirParts(_ reference: String, _ inside: Bool) {
        #expect(ProviderDocumentLoader.staysInsideTheRegistry(reference) == inside)
    }
}
