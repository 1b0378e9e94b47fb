/// The tables of stackq's small `pg_catalog` and `information_schema`: the columns psql, SQLAlchemy and pgJDBC
/// read, with PostgreSQL's names and type names as declared types (so results carry the right type OIDs).
/// Tables clients only join against exist and stay empty.
enum CatalogSchema {
    /// The tables that stay empty: clients join against them, stackq has nothing to put in them.
    static let emptyTables: Set<String> = [
        "pg_index", "pg_constraint", "pg_inherits", "pg_attrdef", "pg_trigger", "pg_policy", "pg_statistic_ext",
        "pg_publication", "pg_publication_rel", "pg_publication_namespace", "pg_foreign_table", "pg_partitioned_table",
        "pg_rewrite", "pg_tablespace", "pg_collation", "pg_enum", "pg_range", "pg_extension", "pg_proc", "pg_sequence",
        "pg_depend", "pg_stat_activity", "pg_indexes",
    ]

    static let ddl = """
    ATTACH DATABASE ':memory:' AS pg_catalog;
    ATTACH DATABASE ':memory:' AS information_schema;
    CREATE TABLE pg_catalog.pg_namespace (oid OID, nspname NAME, nspowner OID, nspacl TEXT);
    CREATE TABLE pg_catalog.pg_class (oid OID, relname NAME, relnamespace OID, reltype OID, reloftype OID,
      relowner OID, relam OID, relfilenode OID, reltablespace OID, relpages INT4, reltuples FLOAT4,
      relallvisible INT4, reltoastrelid OID, relhasindex BOOL, relisshared BOOL, relpersistence CHAR, relkind CHAR,
      relnatts INT2, relchecks INT2, relhasrules BOOL, relhastriggers BOOL, relhassubclass BOOL, relrowsecurity BOOL,
      relforcerowsecurity BOOL, relispopulated BOOL, relreplident CHAR, relispartition BOOL, relrewrite OID,
      relfrozenxid INT8, relminmxid INT8, relacl TEXT, reloptions TEXT, relpartbound TEXT);
    CREATE TABLE pg_catalog.pg_attribute (attrelid OID, attname NAME, atttypid OID, attstattarget INT4, attlen INT2,
      attnum INT2, attndims INT4, attcacheoff INT4, atttypmod INT4, attbyval BOOL, attalign CHAR, attstorage CHAR,
      attcompression CHAR, attnotnull BOOL, atthasdef BOOL, atthasmissing BOOL, attidentity CHAR, attgenerated CHAR,
      attisdropped BOOL, attislocal BOOL, attinhcount INT4, attcollation OID, attacl TEXT, attoptions TEXT,
      attfdwoptions TEXT, attmissingval TEXT);
    CREATE TABLE pg_catalog.pg_type (oid OID, typname NAME, typnamespace OID, typowner OID, typlen INT2, typbyval BOOL,
      typtype CHAR, typcategory CHAR, typispreferred BOOL, typisdefined BOOL, typdelim CHAR, typrelid OID,
      typsubscript TEXT, typelem OID, typarray OID, typinput TEXT, typoutput TEXT, typreceive TEXT, typsend TEXT,
      typmodin TEXT, typmodout TEXT, typanalyze TEXT, typalign CHAR, typstorage CHAR, typnotnull BOOL, typbasetype OID,
      typtypmod INT4, typndims INT4, typcollation OID, typdefaultbin TEXT, typdefault TEXT, typacl TEXT);
    CREATE TABLE pg_catalog.pg_database (oid OID, datname NAME, datdba OID, encoding INT4, datlocprovider CHAR,
      datistemplate BOOL, datallowconn BOOL, datconnlimit INT4, datfrozenxid INT8, datminmxid INT8, dattablespace OID,
      datcollate TEXT, datctype TEXT, daticulocale TEXT, datcollversion TEXT, datacl TEXT);
    CREATE TABLE pg_catalog.pg_settings (name TEXT, setting TEXT, unit TEXT, category TEXT, short_desc TEXT,
      extra_desc TEXT, context TEXT, vartype TEXT, source TEXT, min_val TEXT, max_val TEXT, enumvals TEXT,
      boot_val TEXT, reset_val TEXT, sourcefile TEXT, sourceline INT4, pending_restart BOOL);
    CREATE TABLE pg_catalog.pg_description (objoid OID, classoid OID, objsubid INT4, description TEXT);
    CREATE TABLE pg_catalog.pg_roles (oid OID, rolname NAME, rolsuper BOOL, rolinherit BOOL, rolcreaterole BOOL,
      rolcreatedb BOOL, rolcanlogin BOOL, rolreplication BOOL, rolconnlimit INT4, rolpassword TEXT,
      rolvaliduntil TEXT, rolbypassrls BOOL, rolconfig TEXT);
    CREATE TABLE pg_catalog.pg_user (usename NAME, usesysid OID, usecreatedb BOOL, usesuper BOOL, userepl BOOL,
      usebypassrls BOOL, passwd TEXT, valuntil TEXT, useconfig TEXT);
    CREATE TABLE pg_catalog.pg_am (oid OID, amname NAME, amhandler TEXT, amtype CHAR);
    CREATE TABLE pg_catalog.pg_index (indexrelid OID, indrelid OID, indnatts INT2, indnkeyatts INT2, indisunique BOOL,
      indnullsnotdistinct BOOL, indisprimary BOOL, indisexclusion BOOL, indimmediate BOOL, indisclustered BOOL,
      indisvalid BOOL, indcheckxmin BOOL, indisready BOOL, indislive BOOL, indisreplident BOOL, indkey TEXT,
      indcollation TEXT, indclass TEXT, indoption TEXT, indexprs TEXT, indpred TEXT);
    CREATE TABLE pg_catalog.pg_constraint (oid OID, conname NAME, connamespace OID, contype CHAR, condeferrable BOOL,
      condeferred BOOL, convalidated BOOL, conrelid OID, contypid OID, conindid OID, conparentid OID, confrelid OID,
      confupdtype CHAR, confdeltype CHAR, confmatchtype CHAR, conislocal BOOL, coninhcount INT4, connoinherit BOOL,
      conkey TEXT, confkey TEXT, conpfeqop TEXT, conppeqop TEXT, conffeqop TEXT, confdelsetcols TEXT, conexclop TEXT,
      conbin TEXT);
    CREATE TABLE pg_catalog.pg_inherits (inhrelid OID, inhparent OID, inhseqno INT4, inhdetachpending BOOL);
    CREATE TABLE pg_catalog.pg_attrdef (oid OID, adrelid OID, adnum INT2, adbin TEXT);
    CREATE TABLE pg_catalog.pg_trigger (oid OID, tgrelid OID, tgparentid OID, tgname NAME, tgfoid OID, tgtype INT2,
      tgenabled CHAR, tgisinternal BOOL, tgconstrrelid OID, tgconstrindid OID, tgconstraint OID, tgdeferrable BOOL,
      tginitdeferred BOOL, tgnargs INT2, tgattr TEXT, tgargs TEXT, tgqual TEXT, tgoldtable NAME, tgnewtable NAME);
    CREATE TABLE pg_catalog.pg_policy (oid OID, polname NAME, polrelid OID, polcmd CHAR, polpermissive BOOL,
      polroles TEXT, polqual TEXT, polwithcheck TEXT);
    CREATE TABLE pg_catalog.pg_statistic_ext (oid OID, stxrelid OID, stxname NAME, stxnamespace OID, stxowner OID,
      stxstattarget INT4, stxkeys TEXT, stxkind TEXT, stxexprs TEXT);
    CREATE TABLE pg_catalog.pg_publication (oid OID, pubname NAME, pubowner OID, puballtables BOOL, pubinsert BOOL,
      pubupdate BOOL, pubdelete BOOL, pubtruncate BOOL, pubviaroot BOOL);
    CREATE TABLE pg_catalog.pg_publication_rel (oid OID, prpubid OID, prrelid OID, prqual TEXT, prattrs TEXT);
    CREATE TABLE pg_catalog.pg_publication_namespace (oid OID, pnpubid OID, pnnspid OID);
    CREATE TABLE pg_catalog.pg_foreign_table (ftrelid OID, ftserver OID, ftoptions TEXT);
    CREATE TABLE pg_catalog.pg_partitioned_table (partrelid OID, partstrat CHAR, partnatts INT2, partdefid OID,
      partattrs TEXT, partclass TEXT, partcollation TEXT, partexprs TEXT);
    CREATE TABLE pg_catalog.pg_rewrite (oid OID, rulename NAME, ev_class OID, ev_type CHAR, ev_enabled CHAR,
      is_instead BOOL, ev_qual TEXT, ev_action TEXT);
    CREATE TABLE pg_catalog.pg_tablespace (oid OID, spcname NAME, spcowner OID, spcacl TEXT, spcoptions TEXT);
    CREATE TABLE pg_catalog.pg_collation (oid OID, collname NAME, collnamespace OID, collowner OID,
      collprovider CHAR, collisdeterministic BOOL, collencoding INT4, collcollate TEXT, collctype TEXT);
    CREATE TABLE pg_catalog.pg_enum (oid OID, enumtypid OID, enumsortorder FLOAT4, enumlabel NAME);
    CREATE TABLE pg_catalog.pg_range (rngtypid OID, rngsubtype OID, rngmultitypid OID);
    CREATE TABLE pg_catalog.pg_extension (oid OID, extname NAME, extowner OID, extnamespace OID,
      extrelocatable BOOL, extversion TEXT, extconfig TEXT, extcondition TEXT);
    CREATE TABLE pg_catalog.pg_proc (oid OID, proname NAME, pronamespace OID, proowner OID, prolang OID,
      prokind CHAR, prorettype OID, proargtypes TEXT, proretset BOOL, pronargs INT2);
    CREATE TABLE pg_catalog.pg_sequence (seqrelid OID, seqtypid OID, seqstart INT8, seqincrement INT8, seqmax INT8,
      seqmin INT8, seqcache INT8, seqcycle BOOL);
    CREATE TABLE pg_catalog.pg_depend (classid OID, objid OID, objsubid INT4, refclassid OID, refobjid OID,
      refobjsubid INT4, deptype CHAR);
    CREATE TABLE pg_catalog.pg_stat_activity (datid OID, datname NAME, pid INT4, usename NAME,
      application_name TEXT, state TEXT, query TEXT);
    CREATE VIEW pg_catalog.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,
      'stackq' AS tableowner, NULL AS tablespace, 0 AS hasindexes, 0 AS hasrules, 0 AS hastriggers,
      0 AS rowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r';
    CREATE VIEW pg_catalog.pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname,
      'stackq' AS viewowner, NULL AS definition FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v';
    CREATE VIEW pg_catalog.pg_matviews AS SELECT n.nspname AS schemaname, c.relname AS matviewname,
      'stackq' AS matviewowner, NULL AS definition FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm';
    CREATE VIEW pg_catalog.pg_indexes AS SELECT NULL AS schemaname, NULL AS tablename, NULL AS indexname,
      NULL AS tablespace, NULL AS indexdef WHERE 0;
    CREATE TABLE information_schema.schemata (catalog_name TEXT, schema_name TEXT, schema_owner TEXT,
      default_character_set_catalog TEXT, default_character_set_schema TEXT, default_character_set_name TEXT,
      sql_path TEXT);
    CREATE TABLE information_schema.tables (table_catalog TEXT, table_schema TEXT, table_name TEXT, table_type TEXT,
      self_referencing_column_name TEXT, reference_generation TEXT, user_defined_type_catalog TEXT,
      user_defined_type_schema TEXT, user_defined_type_name TEXT, is_insertable_into TEXT, is_typed TEXT,
      commit_action TEXT);
    CREATE TABLE information_schema.columns (table_catalog TEXT, table_schema TEXT, table_name TEXT,
      column_name TEXT, ordinal_position INT4, column_default TEXT, is_nullable TEXT, data_type TEXT,
      character_maximum_length INT4, character_octet_length INT4, numeric_precision INT4, numeric_precision_radix INT4,
      numeric_scale INT4, datetime_precision INT4, interval_type TEXT, interval_precision INT4,
      character_set_catalog TEXT, character_set_schema TEXT, character_set_name TEXT, collation_catalog TEXT,
      collation_schema TEXT, collation_name TEXT, domain_catalog TEXT, domain_schema TEXT, domain_name TEXT,
      udt_catalog TEXT, udt_schema TEXT, udt_name TEXT, scope_catalog TEXT, scope_schema TEXT, scope_name TEXT,
      maximum_cardinality INT4, dtd_identifier TEXT, is_self_referencing TEXT, is_identity TEXT,
      identity_generation TEXT, identity_start TEXT, identity_increment TEXT, identity_maximum TEXT,
      identity_minimum TEXT, identity_cycle TEXT, is_generated TEXT, generation_expression TEXT, is_updatable TEXT);
    CREATE VIEW information_schema.views AS SELECT table_catalog, table_schema, table_name,
      NULL AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable, 'NO' AS is_insertable_into
      FROM tables WHERE table_type = 'VIEW';
    CREATE TABLE information_schema.table_constraints (constraint_catalog TEXT, constraint_schema TEXT,
      constraint_name TEXT, table_catalog TEXT, table_schema TEXT, table_name TEXT, constraint_type TEXT,
      is_deferrable TEXT, initially_deferred TEXT, enforced TEXT, nulls_distinct TEXT);
    CREATE TABLE information_schema.key_column_usage (constraint_catalog TEXT, constraint_schema TEXT,
      constraint_name TEXT, table_catalog TEXT, table_schema TEXT, table_name TEXT, column_name TEXT,
      ordinal_position INT4, position_in_unique_constraint INT4);
    CREATE TABLE information_schema.routines (specific_name TEXT, routine_schema TEXT, routine_name TEXT,
      routine_type TEXT, data_type TEXT);
    """
}
