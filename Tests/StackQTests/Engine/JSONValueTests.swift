import Testing
@testable import StackQ

@Suite struct JSONValueTests {
    @Test(arguments: [
        #"{"a":[1,2.5,-3e2,true,false,null],"b":{"c":"d"}}"#,
        #"[]"#,
        #"{}"#,
        #""x\"y\\z\n\t\u0001""#,
        #"{"emoji":"😀","cjk":"数据"}"#,
    ])
    func roundTripsCompactText(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSONValue(parsing: #"{"z":1,"a":2,"m":3}"#)
        #expect(value.serialized() == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == .string("😀"))
    }

    /// The one surrogate policy of every JSON reader (``JSONScanner/escapedScalar(in:at:limit:)``): a lone
    /// surrogate is U+FFFD, as SQLite reads it when a page is materialised.
    @Test(arguments: [#""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#])
    func readsALoneSurrogateAsTheReplacementCharacter(_ text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.stringValue?.unicodeScalars.first == "\u{FFFD}")
        #expect(value == (try? JSONValue(parsing: Array(text.utf8)))!)
    }

    @Test(arguments: ["", "{", "[1,", #"{"a" 1}"#, "tru", "01x", #""\u12""#, "[1] 2", "\"\u{01}\""])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func capsNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }
}
