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

    // MARK: Products of IN lists are counted, never made, before the budget allows them

    /// `name IN (v0, …, v{count-1})`.
    static func inList(_ name: String, _ count: Int) -> String {
        "\(name) IN (\((0..<count).map { "'v\($0)'" }.joined(separator: ", ")))"
    }

    /// Five IN lists of 6,500 values make 6,500⁵ ≈ 1.2 × 10¹⁹ calls, more than `Int.max`: the count saturates
    /// (it overflowed and trapped).
    @Test func aProductOfInListsPastIntMaxSaturates() throws {
        let parameters = ["project", "zone", "filter", "maxResults", "orderBy"]
        let sql = "SELECT name FROM google.compute.instances WHERE " + parameters.map { Self.inList($0, 6_500) }.joined(separator: " AND ")
        guard case .select(let select) = try Parser.parseStatement(sql) else { throw PlanError(message: "not a SELECT") }
        let plan = try QueryPlanner(registry: PlannerTests.registry, source: Array(sql.utf8)).plan(select)
        #expect(Set(plan.references[0].bindings.map(\.parameter)) == Set(parameters))
        #expect(plan.references[0].literalCallCount == Int.max)
        #expect(Int.max.saturatingMultiplied(by: 2) == Int.max && 3.saturatingMultiplied(by: 4) == 12)
        #expect(Int.max.saturatingAdding(1) == Int.max && Int.max.saturatedDescription == "\(Int.max) or more")
    }

    @Test func aSelectPastIntMaxCallsIsExplainedAndRefusedBeforeAnyCall() async throws {
        let parameters = ["project", "zone", "filter", "maxResults", "orderBy"]
        let sql = "SELECT name FROM google.compute.instances WHERE " + parameters.map { Self.inList($0, 6_500) }.joined(separator: " AND ")
        try await EmulatorHarness.with { harness in
            try await harness.withEngine { engine in
                let plan = try await engine.execute("EXPLAIN " + sql)[0]
                #expect(plan.rows[0][4] == .text("\(Int.max) or more"))
                let refused = await #expect(throws: PlanError.self) { try await engine.execute(sql) }
                #expect(refused?.code == .tooManyCalls)
            }
            try await harness.withEngine(configure: { $0.dryRun = true }) { engine in
                let refused = await #expect(throws: PlanError.self) { try await engine.execute(sql) }
                #expect(refused?.code == .tooManyCalls)
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    /// 10,000³ = 10¹² DELETE calls: counted and refused, in a run and in a dry run, before one call is made (the
    /// planner made every combination first). EXPLAIN gives their number.
    @Test func aDeleteOverAHugeInProductIsRefusedBeforeItsCallsAreMade() async throws {
        let sql = "DELETE FROM google.dataproc.sessions WHERE " + ["projectsId", "locationsId", "sessionsId"].map { Self.inList($0, 10_000) }.joined(separator: " AND ")
        try await EmulatorHarness.with { harness in
            try await harness.withEngine { engine in
                let plan = try await engine.execute("EXPLAIN " + sql)[0]
                #expect(plan.rows.last?[2] == .text("projects_locations_sessions_delete"))
                #expect(plan.rows.last?[4] == .text("1000000000000"))
                let refused = await #expect(throws: PlanError.self) { try await engine.execute(sql) }
                #expect(refused?.code == .tooManyCalls)
                #expect(refused?.message.contains("1000000000000 calls, more than --max-calls 10000") == true)
            }
            try await harness.withEngine(configure: { $0.dryRun = true }) { engine in
                let refused = await #expect(throws: PlanError.self) { try await engine.execute(sql) }
                #expect(refused?.code == .tooManyCalls)
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    /// A reference that reads another's rows: its IN lists (10⁸ combinations) are counted before they are
    /// multiplied by the rows read.
    @Test func aDependentReferenceCountsItsCombinationsBeforeMakingThem() async throws {
        let sql = """
            SELECT b.name FROM google.dataproc.sessions a JOIN google.dataproc.sessions b ON b.projectsId = a.state
            WHERE a.projectsId = 'p' AND a.locationsId = 'us-central1' AND \(Self.inList("b.locationsId", 10_000)) AND \(Self.inList("b.filter", 10_000))
            """
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine(configure: { $0.maximumCalls = 1_000 }) { engine in
                let refused = await #expect(throws: PlanError.self) { try await engine.execute(sql) }
                #expect(refused?.code == .tooManyCalls)
                #expect(refused?.message.contains("needs 100000000 calls (one per distinct a.state)") == true)
            }
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 1])
        }
    }
}
