import Foundation
import StackQSyntax
import Testing
@testable import StackQ

/// Google's nested query parameters (`mask.fieldPaths`, `currentDocument.exists`, `encryptionConfig.kmsKeyName`)
/// are named as StackQL's docs write them: a qualified name in WHERE, a dotted column of INSERT's list, a dotted
/// EXEC argument, each one parameter of the method.
@Suite struct NestedParameterTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "notes", "version": "v1", "revision": "20261101",
      "rootUrl": "https://notes.googleapis.com/", "servicePath": "",
      "schemas": {
        "Note": {"id": "Note", "type": "object", "properties": {"name": {"type": "string"}, "text": {"type": "string"}}},
        "ListNotesResponse": {"id": "ListNotesResponse", "type": "object", "properties": {
          "notes": {"type": "array", "items": {"$ref": "Note"}}, "nextPageToken": {"type": "string"}}},
        "Empty": {"id": "Empty", "type": "object", "properties": {}}
      },
      "resources": {"projects": {"resources": {"notes": {"methods": {
        "list": {"id": "notes.projects.notes.list", "flatPath": "v1/projects/{projectsId}/notes", "httpMethod": "GET",
                 "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                "mask.fieldPaths": {"type": "string", "location": "query", "repeated": true}},
                 "response": {"$ref": "ListNotesResponse"}},
        "get": {"id": "notes.projects.notes.get", "flatPath": "v1/projects/{projectsId}/notes/{notesId}", "httpMethod": "GET",
                "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                               "notesId": {"type": "string", "location": "path", "required": true},
                               "mask.fieldPaths": {"type": "string", "location": "query", "repeated": true}},
                "response": {"$ref": "Note"}},
        "create": {"id": "notes.projects.notes.create", "flatPath": "v1/projects/{projectsId}/notes", "httpMethod": "POST",
                   "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                  "encryptionConfig.kmsKeyName": {"type": "string", "location": "query"}},
                   "request": {"$ref": "Note"}, "response": {"$ref": "Note"}},
        "delete": {"id": "notes.projects.notes.delete", "flatPath": "v1/projects/{projectsId}/notes/{notesId}", "httpMethod": "DELETE",
                   "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                  "notesId": {"type": "string", "location": "path", "required": true},
                                  "currentDocument.exists": {"type": "boolean", "location": "query"}},
                   "response": {"$ref": "Empty"}}
      }}}}}
    }
    """#

    /// The calls a statement plans (dry run: nothing is sent).
    private static func planned(_ sql: String) async throws -> [String] {
        try await RegistryFixtures.plannedCalls(sql, registry: try registry())
    }

    @Test func aQualifiedNameInWhereThatNamesNoTableIsANestedParameter() async throws {
        #expect(try await Self.planned("SELECT name FROM google.notes.notes WHERE projectsId = 'p' AND notesId = 'n' AND mask.fieldPaths = 'text'")
            == ["projects_notes_get https://notes.googleapis.com/v1/projects/p/notes/n?mask.fieldPaths=text"])
    }

    @Test func theRowsOfANestedParameterAreReadByItsOneColumn() throws {
        let registry = Registry(root: try Self.registry(), cacheDirectory: nil)
        let sql = "SELECT name FROM google.notes.notes AS n WHERE projectsId = 'p' AND mask.fieldPaths = 'text'"
        guard case .select(let statement) = try Parser.parseStatement(sql) else { Issue.record("not a SELECT"); return }
        let plan = try QueryPlanner(registry: registry, source: Array(sql.utf8)).plan(statement)
        #expect(plan.sql.contains("\"mask.fieldPaths\" = 'text'"), "\(plan.sql)")
        #expect(plan.references[0].table.parameterColumns.contains("mask.fieldPaths"))
    }

    @Test func aDeleteGivenANestedParameterActsWithoutSelectingFirst() async throws {
        #expect(try await Self.planned("DELETE FROM google.notes.notes WHERE projectsId = 'p' AND notesId = 'n' AND currentDocument.exists = true")
            == ["projects_notes_delete https://notes.googleapis.com/v1/projects/p/notes/n?currentDocument.exists=true"])
    }

    @Test func aDottedColumnOfAnInsertIsOneParameter() async throws {
        #expect(try await Self.planned("INSERT INTO google.notes.notes (projectsId, data__text, encryptionConfig.kmsKeyName) SELECT 'p', 'hi', 'k1'")
            == ["projects_notes_create https://notes.googleapis.com/v1/projects/p/notes?encryptionConfig.kmsKeyName=k1"])
    }

    @Test func aQualifierThatNamesATableStaysAColumnOfIt() async throws {
        #expect(try await Self.planned("SELECT name FROM google.notes.notes AS mask WHERE projectsId = 'p' AND mask.fieldPaths = 'text'")
            == ["projects_notes_list https://notes.googleapis.com/v1/projects/p/notes"])
    }

    private static func registry() throws -> URL {
        try RegistryFixtures.imported(document: document, fileName: "notes.v1.json")
    }
}
