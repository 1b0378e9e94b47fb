import Testing
@testable import StackQ

@Suite struct JSONScannerTests {
    func token(_ text: String) -> (trailing: String?, full: String?) {
        var text = text
        return text.withUTF8 { bytes in
            let scanner = JSONScanner(UnsafeRawBufferPointer(bytes))
            return (scanner.trailingStringMember("nextPageToken"),
                    try? scanner.stringMember("nextPageToken", ofObjectAt: scanner.skipWhitespace(0)))
        }
    }

    @Test(arguments: [
        (#"{"sessions":[{"a":1}],"nextPageToken":"abc"}"#, "abc"),
        ("{\"sessions\": [],\n  \"nextPageToken\" : \"a\\\"b\\\\\"\n}\n", "a\"b\\"),
        (#"{"nextPageToken":"x"}"#, "x"),
    ])
    func aTrailingTokenIsFoundFromTheEnd(_ text: String, _ expected: String) {
        #expect(token(text).trailing == expected)
        #expect(token(text).full == expected)
    }

    @Test(arguments: [
        #"{"nextPageToken":"x","sessions":[]}"#,
        #"{"sessions":[],"meta":{"nextPageToken":"nested"}}"#,
        #"{"desc":"y, \"nextPageToken\": \"fake\""}"#,
        #"{"sessions":[{"nextPageToken":"inner"}]}"#,
    ])
    func anythingElseFallsBackToTheFullReader(_ text: String) {
        #expect(token(text).trailing == nil)
    }

    @Test func theFullReaderFindsALeadingToken() {
        #expect(token(#"{"nextPageToken":"x","sessions":[]}"#).full == "x")
        #expect(token(#"{"sessions":[{"nextPageToken":"inner"}]}"#).full == nil)
    }
}
