import Foundation
import Testing
@testable import StackQ

@Suite struct JSONDocumentTests {
    @Test func keepsObjectKeyOrder() throws {
        let value = try JSONDocumentParser.parse(Data(#"{"z": 1, "a": [true, null, "x"], "m": {"k": -2.5e1}}"#.utf8))
        #expect(value.members.map(\.key) == ["z", "a", "m"])
        #expect(value["a"] == .array([.bool(true), .null, .string("x")]))
        #expect(value["m"]?["k"] == .number(-25))
    }

    @Test func decodesEscapes() throws {
        let value = try JSONDocumentParser.parse(Data(#"["a\"b\\c\/\n\u00e9\ud83d\ude00"]"#.utf8))
        #expect(value == .array([.string("a\"b\\c/\né😀")]))
    }

    @Test(arguments: ["{", "[1,]", #"{"a" 1}"#, "tru", #""abc"#, "[1] 2", ""])
    func rejectsInvalidDocuments(text: String) {
        #expect(throws: JSONDocumentParser.SyntaxError.self) { try JSONDocumentParser.parse(Data(text.utf8)) }
    }

    @Test func roundTripsThroughTheWriter() throws {
        let text = #"{"b":[1,2.5,"q\"\n\u0001"],"a":{"x":null,"y":false}}"#
        let value = try JSONDocumentParser.parse(Data(text.utf8))
        #expect(String(decoding: JSONDocumentWriter.data(value), as: UTF8.self) == text)
    }

    @Test func readsYAMLAnchorsAndQuotedScalars() throws {
        let value = try YAMLDocumentReader.parse("""
            base: &shared
              - a
              - b
            copy: *shared
            code: '200'
            count: 200
            flag: true
            """)
        #expect(value["copy"] == .array([.string("a"), .string("b")]))
        #expect(value["code"] == .string("200"))
        #expect(value["count"] == .number(200))
        #expect(value["flag"] == .bool(true))
    }
}
