import StackQSyntax
import Testing
@testable import StackQ
import StackQEmulator
import StackQTesting

/// Planning work grows with the statement, not with its square; counted, never timed.
@Suite struct PlannerScaleTests {
    /// A value that counts how often it is compared and hashed.
    struct Counted: Hashable {
        final class Tally {
            var equalities = 0
            var hashes = 0
        }
        let value: Int
        let tally: Tally

        static func == (lhs: Counted, rhs: Counted) -> Bool {
            lhs.tally.equalities += 1
            return lhs.value == rhs.value
        }

        func hash(into hasher: inout Hasher) {
            tally.hashes += 1
            hasher.combine(value)
        }
    }

    @Test func distinctValuesCostOneLookupEach() {
        let tally = Counted.Tally()
        let count = 5_000
        var values = (0..<10).map { Counted(value: $0, tally: tally) }
        values.appendDistinct((0..<count).map { Counted(value: $0 % (count / 2), tally: tally) })
        #expect(values.map(\.value) == Array(0..<(count / 2)))
        // A `contains` per value would compare about count² / 4 = 6,250,000 times.
        #expect(tally.equalities + tally.hashes <= 4 * (count + 10))
    }

    @Test func aHundredThousandLiteralInListBindsEveryValueOnceInOrder() throws {
        let values = (0..<100_000).map { "p\($0)" }
        let list = (values + values.prefix(1_000)).map { "'\($0)'" }.joined(separator: ", ")
        let sql = "SELECT name FROM google.dataproc.sessions WHERE projectsId IN (\(list)) AND locationsId = 'l'"
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        let plan = try QueryPlanner(registry: PlannerTests.registry, source: Array(sql.utf8)).plan(select)
        let binding = try #require(plan.references[0].bindings.first { $0.parameter == "projectsId" })
        guard case .literals(let bound) = binding.source else {
            Issue.record("projectsId is not bound to literals")
            return
        }
        #expect(bound == values)
        #expect(plan.references[0].literalCallCount == 100_000)
    }

    @Test func nearlyAThousandOREqualitiesBindOneList() throws {
        let disjunction = (0..<990).map { "locationsId = 'l\($0)'" }.joined(separator: " OR ")
        let sql = "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND (\(disjunction))"
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        let plan = try QueryPlanner(registry: PlannerTests.registry, source: Array(sql.utf8)).plan(select)
        #expect(plan.references[0].literalCallCount == 990)
    }

    @Test func aHundredThousandLiteralInListIsRefusedOverMaxCallsBeforeAnyCall() async throws {
        try await EmulatorHarness.with { harness in
            let engine = try harness.engine { $0.maximumCalls = 1_000 }
            defer { Task { try? await engine.shutdown() } }
            let list = (0..<100_000).map { "'p\($0)'" }.joined(separator: ", ")
            do {
                _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId IN (\(list)) AND locationsId = 'l'")
                Issue.record("expected --max-calls to refuse the statement")
            } catch let error as PlanError {
                #expect(error.message.contains("100000 calls, more than --max-calls 1000"))
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }
}
