import Foundation
import Testing
@testable import StackQ

/// Reading registry documents: YAML through Yams into ordered values.
@Suite struct YAMLDocumentTests {
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
