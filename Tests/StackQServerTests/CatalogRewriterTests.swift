import Testing
@testable import StackQServer

@Suite struct CatalogRewriterTests {
    @Test(arguments: [
        ("SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c",
         "SELECT pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c"),
        ("WHERE c.relname OPERATOR(pg_catalog.~) '^(sessions)$' COLLATE pg_catalog.default",
         "WHERE c.relname  REGEXP  '^(sessions)$' "),
        ("WHERE n.nspname !~ '^pg_toast'", "WHERE n.nspname  NOT REGEXP  '^pg_toast'"),
        ("SELECT 'google.dataproc.sessions'::regclass", "SELECT regclass_oid('google.dataproc.sessions')"),
        ("SELECT c.oid::pg_catalog.regclass", "SELECT regclass_name(c.oid)"),
        ("SELECT t.oid::regtype::text", "SELECT CAST(regtype_name(t.oid) AS TEXT)"),
        ("WHERE relkind = ANY (ARRAY[$1, $2])", "WHERE relkind  IN  (?1, ?2)"),
        ("WHERE relkind = ANY (ARRAY[$1::VARCHAR, $2::VARCHAR])", "WHERE relkind  IN  (?1, ?2)"),
        ("WHERE relkind = ANY ('{r,v}')", "WHERE relkind  IN  ('r', 'v')"),
        ("WHERE relname = ANY($1)", "WHERE relname  IN  (SELECT value FROM json_each(pg_array_to_json(?1)))"),
        ("SELECT current_user, current_schema", "SELECT current_user(), current_schema()"),
        ("SELECT array_to_string(c.reloptions || array(select 1), ', ')", "SELECT array_to_string(c.reloptions  ||  NULL, ', ')"),
    ])
    func rewrites(postgres: String, sqlite: String) {
        #expect(CatalogRewriter.rewrite(TokenizedSQL(postgres)) == sqlite)
    }

    @Test(arguments: [
        ("SELECT version()", true),
        ("select pg_catalog.version()", true),
        ("SELECT n.nspname FROM pg_catalog.pg_namespace n", true),
        ("SELECT * FROM information_schema.tables", true),
        ("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'", false),
        ("SHOW SERVICES IN google", false),
        ("SELECT json_extract(labels, '$.team') FROM google.dataproc.sessions", false),
    ])
    func catalogQueriesAreRecognised(sql: String, isCatalog: Bool) {
        #expect(CatalogRewriter.isCatalogQuery(TokenizedSQL(sql)) == isCatalog)
    }
}

@Suite struct StatementRouteTests {
    @Test(arguments: [
        ("SET application_name = 'psql'", StatementRoute.set(name: "application_name", value: "psql")),
        ("SET search_path TO public, \"google.dataproc\"", .set(name: "search_path", value: "public, google.dataproc")),
        ("SET SESSION TIME ZONE 'UTC'", .set(name: "TimeZone", value: "UTC")),
        ("SET extra_float_digits TO DEFAULT", .set(name: "extra_float_digits", value: nil)),
        ("RESET ALL", .set(name: "ALL", value: nil)),
        ("SHOW server_version", .showSetting("server_version")),
        ("SHOW TRANSACTION ISOLATION LEVEL", .showSetting("transaction_isolation")),
        ("SHOW SERVICES IN google", .engine(tag: "SELECT")),
        ("BEGIN", .transaction(tag: "BEGIN", opens: true)),
        ("COMMIT", .transaction(tag: "COMMIT", opens: false)),
        ("DISCARD ALL", .accepted(tag: "DISCARD ALL")),
        ("INSERT /*+ AWAIT */ INTO google.dataproc.sessions (a) SELECT 1", .engine(tag: "INSERT 0")),
        ("DELETE FROM google.dataproc.sessions WHERE a = 1", .engine(tag: "DELETE")),
        ("SELECT current_setting('TimeZone')", .catalog),
    ])
    func routes(sql: String, route: StatementRoute) {
        #expect(StatementRoute.of(TokenizedSQL(sql)) == route)
    }
}
