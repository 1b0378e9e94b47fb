import StackQSyntax
import Testing
@testable import StackQ

@Suite struct PlannerTests {
    func references(_ sql: String) throws -> [ResourceReference] {
        guard case .select(let select) = try Parser.parseStatement(sql) else {
            Issue.record("not a SELECT")
            return []
        }
        return ResourceReferenceCollector.collect(select)
    }

    func bindings(_ sql: String, at index: Int = 0, parameters: Set<String> = ["projectsId", "locationsId", "sessionsId"],
                  siblingParameters: Set<String> = []) throws -> [String: [String]] {
        let reference = try references(sql)[index]
        return ParameterBinder(reference: reference, parameterNames: parameters,
                               siblingParameterNames: siblingParameters).bindings()
    }

    @Test func findsResourcesInEveryPlaceATableMayStand() throws {
        let sql = """
            WITH c AS (SELECT * FROM google.a.one)
            SELECT (SELECT 1 FROM google.a.two), x.* FROM c, (SELECT * FROM google.a.three) x
            JOIN (google.a.four f JOIN local_table l ON 1) ON 1
            WHERE EXISTS (SELECT 1 FROM google.a.five) AND x IN (SELECT y FROM google.a.six)
            UNION SELECT * FROM google.a.seven
            """
        #expect(try references(sql).map(\.resource).sorted() == ["five", "four", "one", "seven", "six", "three", "two"])
    }

    @Test func equalityAndInListsBindInEitherOrder() throws {
        #expect(try bindings("SELECT * FROM google.d.s WHERE projectsId = 'p' AND 'l' = locationsId AND state = 'ACTIVE'")
            == ["projectsId": ["p"], "locationsId": ["l"]])
        #expect(try bindings("SELECT * FROM google.d.s WHERE projectsId IN ('a', 'b', 'a') AND locationsId = 'l'")
            == ["projectsId": ["a", "b"], "locationsId": ["l"]])
    }

    @Test func onlyTopLevelConjunctsBind() throws {
        #expect(try bindings("SELECT * FROM google.d.s WHERE projectsId = 'p' OR locationsId = 'l'") == [:])
        #expect(try bindings("SELECT * FROM google.d.s WHERE NOT (projectsId = 'p')") == [:])
        #expect(try bindings("SELECT * FROM google.d.s WHERE projectsId NOT IN ('p')") == [:])
        #expect(try bindings("SELECT * FROM google.d.s WHERE (projectsId = 'p' AND (locationsId = 'l'))")
            == ["projectsId": ["p"], "locationsId": ["l"]])
    }

    @Test func qualifiersMustNameTheReference() throws {
        let sql = "SELECT * FROM google.d.s a JOIN google.d.t b ON b.projectsId = 'q' WHERE a.projectsId = 'p' AND projectsId = 'x'"
        #expect(try bindings(sql, at: 0, siblingParameters: ["projectsId"]) == ["projectsId": ["p"]])
        #expect(try bindings(sql, at: 1, siblingParameters: ["projectsId"]) == ["projectsId": ["q"]])
        #expect(try bindings("SELECT * FROM google.d.s WHERE s.projectsId = 'p' AND other.locationsId = 'l'") == ["projectsId": ["p"]])
    }

    @Test func numbersAndBooleansBindAsTheirText() throws {
        #expect(try bindings("SELECT * FROM google.d.s WHERE pageSize = 10 AND flag = true AND n = -3",
                             parameters: ["pageSize", "flag", "n"]) == ["pageSize": ["10"], "flag": ["true"], "n": ["-3"]])
    }
}
