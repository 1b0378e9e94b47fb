import NIOCore
import Testing
@testable import StackQ

/// Rows from every member of a map (`$.items.*.instances[*]`), the map key kept as a column, and property
/// columns that a call's parameters bind.
@Suite struct AggregatedMaterializeTests {
    let spec = TableSpec(
        name: "instances_1",
        columns: [Column(name: "name", type: "string"), Column(name: "zone", type: "string"),
                  Column(name: "status", type: "string"), Column(name: "region", type: "string")],
        parameterColumns: ["project"])

    func rows(_ page: String, objectKey: String?, parameters: [String: String] = ["project": "p"]) async throws -> (Int, [[String?]]) {
        let database = try Database()
        try await database.createTable(spec)
        let inserted = try await database.insertPage(ByteBuffer(string: page), into: spec, objectKey: objectKey,
                                                     parameters: parameters)
        let result = try await database.query("SELECT * FROM instances_1 ORDER BY rowid")
        return (inserted, result.rows.map { $0.map(\.textValue) })
    }

    @Test func everyScopeOfAnAggregatedListGivesRowsWithItsZone() async throws {
        let page = #"""
        {"kind": "compute#instanceAggregatedList", "items": {
          "zones/us-central1-a": {"instances": [{"name": "a1", "zone": "https://x/zones/us-central1-a", "status": "RUNNING"},
                                                {"name": "a2", "status": "STOPPED"}]},
          "zones/europe-west1-b": {"warning": {"code": "NO_RESULTS_ON_PAGE"}},
          "regions/us-east1": {"instances": [{"name": "r1"}]},
          "global": {"instances": [{"name": "g1", "zone": "z"}]},
          "zones/asia-east1-c": {"instances": []}
        }, "nextPageToken": "t"}
        """#
        let (inserted, rows) = try await rows(page, objectKey: "$.items.*.instances[*]")
        #expect(inserted == 4)
        #expect(rows == [["a1", "us-central1-a", "RUNNING", nil, "p"], ["a2", "us-central1-a", "STOPPED", nil, "p"],
                         ["r1", nil, nil, "us-east1", "p"], ["g1", "z", nil, nil, "p"]])
    }

    @Test func anEmptyOrMissingMapHasNoRows() async throws {
        #expect(try await rows(#"{"items": {}}"#, objectKey: "$.items.*.instances[*]").0 == 0)
        #expect(try await rows(#"{"kind": "x"}"#, objectKey: "$.items.*.instances[*]").0 == 0)
        #expect(try await rows(#"{"items": []}"#, objectKey: "$.items.*.instances[*]").0 == 0)
    }

    @Test func aBoundParameterReplacesThePropertyOfItsName() async throws {
        let page = #"{"items": [{"name": "a1", "zone": "https://x/projects/p/zones/us-central1-a"}]}"#
        let (_, rows) = try await rows(page, objectKey: "$.items", parameters: ["project": "p", "zone": "us-central1-a"])
        #expect(rows == [["a1", "us-central1-a", nil, nil, "p"]])
    }

    @Test(arguments: [("$.sessions", ["sessions"]), ("$.a.b[*]", ["a", "b"]),
                      ("$.items.*.instances[*]", ["items", "*", "instances"])])
    func objectKeysSplitIntoMembers(objectKey: String, path: [String]) {
        #expect(PageRows.pathComponents(objectKey) == path)
    }
}
