import NIOCore
import Testing
@testable import StackQ

@Suite struct MaterializeTests {
    let spec = TableSpec(
        name: "sessions_1",
        columns: [
            Column(name: "name", type: "string"),
            Column(name: "state", type: "string"),
            Column(name: "labels", type: "object"),
            Column(name: "stateHistory", type: "array"),
            Column(name: "count", type: "integer"),
            Column(name: "enabled", type: "boolean"),
        ],
        parameterColumns: ["projectsId"])

    func rows(_ page: String, objectKey: String? = "$.sessions") async throws -> (Int, ResultSet) {
        let database = try Database()
        try await database.createTable(spec)
        let inserted = try await database.insertPage(ByteBuffer(string: page), into: spec, objectKey: objectKey,
                                                     parameters: ["projectsId": "p1"])
        let result = try await database.query("SELECT * FROM sessions_1 ORDER BY rowid")
        return (inserted, result)
    }

    @Test func bindsEachTopLevelPropertyToItsColumn() async throws {
        let page = #"""
        {"sessions": [
          {"state": "ACTIVE", "name": "projects/p1/locations/l/sessions/s1", "labels": {"env": "prod"},
           "stateHistory": [{"state": "CREATING"}], "count": "42", "enabled": true, "unknown": {"x": 1}},
          {"name": "s\"2\\\u00e9", "enabled": false}
        ], "nextPageToken": "t"}
        """#
        let (inserted, result) = try await rows(page)
        #expect(inserted == 2)
        #expect(result.rows[0] == [.text("projects/p1/locations/l/sessions/s1"), .text("ACTIVE"), .text(#"{"env":"prod"}"#),
                                   .text(#"[{"state":"CREATING"}]"#), .integer(42), .integer(1), .text("p1")])
        #expect(result.rows[1] == [.text("s\"2\\é"), .null, .null, .null, .null, .integer(0), .text("p1")])
        #expect(result.columns.map(\.isJSON) == [false, false, true, true, false, false, false])
    }

    @Test func dateTimePropertiesAreTextDeclaredAsDateTimes() async throws {
        let spec = TableSpec(name: "times_1", columns: [Column(name: "createTime", type: "string", format: "google-datetime"),
                                                        Column(name: "openTime", type: "string", format: "date-time"),
                                                        Column(name: "ttl", type: "string", format: "google-duration")],
                             parameterColumns: [])
        let database = try Database()
        try await database.createTable(spec)
        _ = try await database.insertPage(ByteBuffer(string: #"{"items":[{"createTime":"2026-12-07T05:50:00Z","openTime":"20261207","ttl":"3600s"}]}"#),
                                          into: spec, objectKey: "$.items", parameters: [:])
        let result = try await database.query("SELECT * FROM times_1")
        #expect(result.columns.map(\.declaredType) == [ResultSet.Column.dateTimeDeclaredType, ResultSet.Column.dateTimeDeclaredType, "TEXT"])
        // Text affinity: a value that looks like a number stays the text it was.
        #expect(result.rows == [[.text("2026-12-07T05:50:00Z"), .text("20261207"), .text("3600s")]])
    }

    @Test(arguments: [1, 49, 50, 51, 123, 150])
    func rowsGoInBatchesAndTheRestOneByOneEachWithOnlyItsOwnMembers(count: Int) async throws {
        // Even rows have a state and odd ones labels: a slot of a multi-row INSERT keeps nothing of the row before.
        let items = (0..<count).map { i in
            i % 2 == 0 ? #"{"name":"s\#(i)","state":"S\#(i)"}"# : #"{"name":"s\#(i)","labels":{"i":\#(i)}}"#
        }
        let (inserted, result) = try await rows(#"{"sessions":[\#(items.joined(separator: ","))]}"#)
        #expect(inserted == count)
        #expect(result.rows.count == count)
        for (i, row) in result.rows.enumerated() {
            #expect(row[0] == .text("s\(i)"))
            #expect(row[1] == (i % 2 == 0 ? .text("S\(i)") : .null))
            #expect(row[2] == (i % 2 == 0 ? .null : .text(#"{"i":\#(i)}"#)))
            #expect(row[6] == .text("p1"))
        }
    }

    @Test func anEmptyParameterValueIsAnEmptyTextNotNull() async throws {
        let database = try Database()
        try await database.createTable(spec)
        _ = try await database.insertPage(ByteBuffer(string: #"{"sessions":[{"name":"a"}]}"#), into: spec, objectKey: "$.sessions",
                                          parameters: ["projectsId": ""])
        #expect(try await database.query("SELECT projectsId FROM sessions_1").rows == [[.text("")]])
    }

    @Test func prettyPrintedObjectsAreStoredMinifiedWithStringsIntact() async throws {
        let page = "{\"sessions\": [ {\"labels\" : {\n  \"team\": \"data eng\",\n  \"q\": \"a \\\" b\"\n}} ]}"
        let (_, result) = try await rows(page)
        #expect(result.rows[0][2] == .text(#"{"team":"data eng","q":"a \" b"}"#))
    }

    @Test func anEmptyListResponseHasNoRows() async throws {
        let (inserted, result) = try await rows("{}")
        #expect(inserted == 0)
        #expect(result.rows.isEmpty)
    }

    @Test func aGetResponseIsOneRow() async throws {
        let (inserted, result) = try await rows(#"{"name": "n", "state": "ACTIVE"}"#, objectKey: nil)
        #expect(inserted == 1)
        #expect(result.rows[0][0] == .text("n"))
    }

    @Test func aTopLevelArrayIsTheRows() async throws {
        let (inserted, _) = try await rows(#"[{"name": "a"}, {"name": "b"}]"#, objectKey: nil)
        #expect(inserted == 2)
    }

    @Test(arguments: [#"{"sessions": [{"name": "a"}"#, #"{"sessions": [{"name": }]}"#, #"{"sessions": [{"name": "a}]}"#])
    func malformedPagesFailWithoutPartialRows(_ page: String) async throws {
        let database = try Database()
        try await database.createTable(spec)
        await #expect(throws: JSONParseError.self) {
            try await database.insertPage(ByteBuffer(string: page), into: spec, objectKey: "$.sessions", parameters: [:])
        }
        #expect(try await database.query("SELECT count(*) FROM sessions_1").rows == [[.integer(0)]])
    }
}
