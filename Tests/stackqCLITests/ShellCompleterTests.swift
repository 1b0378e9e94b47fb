import Foundation
import StackQ
import Testing
@testable import stackq

/// Tab completion against the bundled registry.
@Suite struct ShellCompleterTests {
    static let completer = ShellCompleter(
        registry: Registry(root: CLIRunner.repositoryRoot.appendingPathComponent("providers"), cacheDirectory: nil))

    static func candidates(_ before: String, after: String = "") -> [String] {
        completer.complete(before: before, after: after).candidates
    }

    @Test(arguments: [
        ("SHOW RESOURCES IN google.datapr", ["google.dataproc", "google.dataprocv1beta2"]),
        ("SELECT * FROM google.datapi", ["google.datapipelines."]),
        ("SELECT * FROM goo", ["google."]),
        ("SHOW SERVICES IN g", ["google"]),
        ("DESCRIBE google.dataproc.session_t", ["google.dataproc.session_templates"]),
        ("EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_te",
         ["google.dataproc.sessions.projects_locations_sessions_terminate"]),
    ])
    func namesCompleteAtTheDepthTheStatementNeeds(before: String, expected: [String]) {
        #expect(Self.candidates(before) == expected)
    }

    @Test func columnsAndParametersCompleteAfterWhere() {
        let before = "SELECT name FROM google.dataproc.sessions WHERE projects"
        #expect(Self.candidates(before) == ["projectsId"])
        #expect(Self.candidates("SELECT name FROM google.dataproc.sessions WHERE st").contains("state"))
    }

    @Test func columnsCompleteAfterSelectFromTheResourceNamedLater() {
        #expect(Self.candidates("SELECT runtimeI", after: " FROM google.dataproc.sessions") == ["runtimeInfo"])
    }

    @Test func anAliasQualifiesItsColumns() {
        let before = "SELECT s.na"
        #expect(Self.candidates(before, after: " FROM google.dataproc.sessions s") == ["s.name"])
    }

    @Test func columnsCompleteOnAContinuationLineAfterOn() {
        let before = "SELECT a.name FROM google.dataproc.sessions a\nJOIN google.dataproc.batches b ON a.uuid = b.uu"
        #expect(Self.candidates(before) == ["b.uuid"])
    }

    @Test func execCompletesTheMethodsParameters() {
        let candidates = Self.candidates("EXEC google.dataproc.sessions.projects_locations_sessions_terminate @sess")
        #expect(candidates == ["@sessionsId"])
    }

    @Test func keywordsCompleteInTheCaseTyped() {
        #expect(Self.candidates("sel") == ["select"])
        #expect(Self.candidates("SEL") == ["SELECT"])
        #expect(Self.candidates("SELECT name FROM google.dataproc.sessions WH") == ["WHERE"])
    }

    @Test func metaCommandsAndTheirArgumentsComplete() {
        #expect(Self.candidates(".ti") == [".timing"])
        #expect(Self.candidates(".output j") == ["json", "jsonl"])
        #expect(Self.candidates(".headers o") == ["off", "on"])
    }

    @Test func nothingCompletesInsideAStringOrAComment() {
        #expect(Self.candidates("SELECT 'goo").isEmpty)
        #expect(Self.candidates("SELECT 1 -- goo").isEmpty)
    }

    @Test func theCommonPrefixAndColumnsOfSeveralCandidates() {
        #expect(Completion.commonPrefix(of: ["google.dataproc.", "google.datastore."]) == "google.data")
        #expect(Completion.columns(["a", "bb", "ccc"], width: 10) == "a    ccc\nbb\n")
    }
}
