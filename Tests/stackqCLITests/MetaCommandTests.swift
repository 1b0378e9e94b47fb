import StackQ
import Testing
@testable import stackq

@Suite struct MetaCommandTests {
    @Test(arguments: [
        (".output csv", MetaCommand.output(.csv)),
        (".headers off", .headers(false)),
        ("  .timing ON", .timing(true)),
        (".dryrun on", .dryRun(true)),
        (".pager off", .pager(false)),
        (".read 'my script.iql'", .read("my script.iql")),
        (".once out.csv", .once("out.csv")),
        (".explain SELECT 1", .explain("SELECT 1")),
        (".exit", .quit),
        (".help", .help),
        (".cache", .cache(.status)),
        (".cache ON", .cache(.on)),
        (".cache off", .cache(.off)),
        (".cache clear", .cache(.clear)),
        (".cache ttl 90", .cache(.ttl(90))),
    ])
    func parses(line: String, expected: MetaCommand) throws {
        #expect(try MetaCommand.parse(line) == expected)
    }

    @Test(arguments: [
        (".output xml", ".output takes one of table, json, jsonl, csv, text, not 'xml'"),
        (".timing maybe", ".timing takes on or off, not 'maybe'"),
        (".frobnicate", "unknown command '.frobnicate': .help lists the commands"),
        (".read", ".read takes a file name"),
        (".quit now", ".quit takes no argument"),
        (".cache ttl soon", ".cache ttl takes a number of seconds (0 turns the cache off), not 'soon'"),
        (".cache maybe", ".cache takes on, off, clear or ttl SECONDS, not 'maybe'"),
    ])
    func rejectsWithAMessage(line: String, message: String) {
        #expect(throws: ShellError.self) { try MetaCommand.parse(line) }
        do {
            _ = try MetaCommand.parse(line)
        } catch {
            #expect((error as? ShellError)?.description == message)
        }
    }
}
