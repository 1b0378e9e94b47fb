import Foundation
import StackQSyntax
import Synchronization

/// What a user keeps between statements: views, materialized views, tables and the response cache. It is a
/// SQLite database attached to the engine's connection as the schema `store`: the `--db` file, or an in-memory
/// database that lives as long as the engine.
///
/// The file is made with mode 0600 and written in WAL mode with a busy timeout, so that several stackq processes
/// can use one file. Its `user_version` is the layout's version: a file from a newer stackq is refused.
enum UserStore {
    /// The schema name the store is attached as.
    static let schema = "store"
    /// The version of the layout this stackq writes (`PRAGMA user_version`).
    static let version = 1
    /// How long a statement waits for another process's write to finish before it fails.
    static let busyTimeoutMilliseconds: Int32 = 10_000

    /// The store's own tables: what each user object is, and the response cache.
    static let objectsTable = "stackq_objects"
    static let cacheTable = "stackq_cache"
    static let cachePagesTable = "stackq_cache_pages"

    static var layoutSQL: String {
        """
        CREATE TABLE IF NOT EXISTS \(schema).\(objectsTable) (
            name TEXT PRIMARY KEY COLLATE NOCASE, kind TEXT NOT NULL, definition TEXT,
            created_at REAL NOT NULL, fetched_at REAL);
        CREATE TABLE IF NOT EXISTS \(schema).\(cacheTable) (
            key TEXT PRIMARY KEY, method TEXT NOT NULL, resource TEXT NOT NULL, parameters TEXT NOT NULL,
            fields TEXT, fetched_at REAL NOT NULL, pages INTEGER NOT NULL, bytes INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS \(schema).\(cacheTable)_resource ON \(cacheTable) (resource);
        CREATE TABLE IF NOT EXISTS \(schema).\(cachePagesTable) (
            key TEXT NOT NULL, page INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (key, page));
        PRAGMA \(schema).user_version = \(version);
        """
    }

    /// Creates `path` with mode 0600 when it does not exist, and narrows an existing file that others may read
    /// to 0600 (it holds API responses).
    static func prepareFile(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        let created = errno
        guard created == EEXIST else {
            throw StoreError(path: path, reason: String(cString: strerror(created)))
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw StoreError(path: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(path: path, reason: "it is not an ordinary file")
        }
        if status.st_mode & 0o077 != 0 {
            _ = chmod(path, 0o600)
        }
    }

    /// The path as SQLite's ATTACH takes it: a relative path that looks like a URI (`file:…`) is made explicit.
    static func attachablePath(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }
}

/// The `--db` file cannot be used: it cannot be created or opened, is not a stackq database, or was written by a
/// newer stackq.
public struct StoreError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The file.
    public var path: String
    /// Why it cannot be used.
    public var reason: String

    public var description: String { "cannot use --db \(path): \(reason)" }
    public var errorDescription: String? { description }
}

extension UserStore {
    /// Attaches the user store to `connection`: the file at `path`, or an in-memory database when `path` is nil.
    static func attach(to connection: SQLiteConnection, path: String?) throws {
        try connection.setBusyTimeout(milliseconds: UserStore.busyTimeoutMilliseconds)
        guard let path else {
            try connection.execute("ATTACH DATABASE ':memory:' AS \(UserStore.schema)")
            try connection.execute(UserStore.layoutSQL)
            return
        }
        try UserStore.prepareFile(path)
        do {
            try connection.execute("ATTACH DATABASE \(SQLPrinter.quoteString(UserStore.attachablePath(path))) AS \(UserStore.schema)")
            let found = try integer("PRAGMA \(UserStore.schema).user_version", on: connection)
            if found > UserStore.version {
                throw StoreError(path: path, reason: "it was written by a newer stackq (layout version \(found); this stackq reads up to \(UserStore.version)); use that stackq, or another file")
            }
            if found == 0 {
                let tables = try integer("SELECT count(*) FROM \(UserStore.schema).sqlite_master", on: connection)
                if tables > 0 {
                    throw StoreError(path: path, reason: "it is a SQLite database that stackq did not make; give a new file or one stackq made")
                }
            }
            try connection.execute("PRAGMA \(UserStore.schema).journal_mode = WAL")
            if found < UserStore.version {
                try connection.execute("BEGIN IMMEDIATE; \(UserStore.layoutSQL) COMMIT;")
            }
        } catch let error as SQLiteError {
            try? connection.execute("ROLLBACK")
            if error.code & 0xff == 26 {  // SQLITE_NOTADB
                throw StoreError(path: path, reason: "it is not a SQLite database")
            }
            throw StoreError(path: path, reason: error.message)
        }
    }

    /// The first column of the first row of `sql`, as an integer (0 when there is none).
    static func integer(_ sql: String, on connection: SQLiteConnection) throws -> Int {
        let statement = try connection.prepare(sql)
        guard try statement.step(), case .integer(let value) = statement.value(at: 0) else { return 0 }
        return Int(value)
    }
}

extension Database {
    /// Runs `steps` in one write transaction of the store: all of them or, when one fails, none. Returns the rows
    /// each step changed.
    func writeStore(_ steps: [String]) throws -> [Int] {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            var changed: [Int] = []
            for step in steps {
                try connection.execute(step)
                changed.append(connection.changes)
            }
            try connection.execute("COMMIT")
            return changed
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}

/// The names of the user's tables and views, kept where code that cannot wait (the shell's completion) reads them.
final class StoreNames: Sendable {
    private let names = Mutex<[String]>([])

    var value: [String] { names.withLock { $0 } }

    func set(_ value: [String]) { names.withLock { $0 = value } }

    /// The names, read from the store through `connection`.
    static func read(from connection: SQLiteConnection) -> [String] {
        guard let statement = try? connection.prepare("SELECT name FROM \(UserStore.schema).\(UserStore.objectsTable) ORDER BY name") else { return [] }
        var names: [String] = []
        while (try? statement.step()) == true {
            if let name = statement.value(at: 0).textValue { names.append(name) }
        }
        return names
    }
}

extension Database {
    /// Reads the names of the user's tables and views again (after a statement that may have changed them).
    func refreshStoreNames() {
        storeNames.set(StoreNames.read(from: connection))
    }
}
