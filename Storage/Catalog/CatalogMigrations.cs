namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// The catalog's schema as an ordered list of migrations; migration N (1-based) takes the schema
/// from version N-1 to N. Released migrations are never edited, only appended: a catalog file
/// records the versions applied in <c>schema_version</c>, and a golden test pins migration 1.
/// Times are int64 nanoseconds since the Unix epoch (UTC), like the <c>time</c> column.
/// Migration 2 adds <c>persist_state</c>: one row holding the last WAL sequence whose records are
/// all in recorded Parquet files (start-up replays only the records after it).
/// Migration 4 makes deletes tombstones: <c>deletes.wal_sequence</c> (the last WAL record written
/// before the delete: replay removes matching rows of records up to it, not later ones) and
/// <c>delete_files</c> (the files a delete filters; a forgotten file leaves it by cascade, so a
/// reused file id never inherits a delete).
/// Migration 5 adds what DROP TABLE / DROP DATABASE leave behind: <c>dropped_objects</c> (objects of
/// dropped tables, deleted by the sweeper once their grace period ends; their catalog rows are gone)
/// and <c>drop_markers</c> (where in the WAL a drop happened, so start-up replay removes the dropped
/// table or database at that point of the log instead of resurrecting its unpersisted rows).
/// </summary>
internal static class CatalogMigrations
{
    /// <summary>
    /// SQLite <c>application_id</c> of a catalog file, "IOXC" in ASCII: the file's magic number, so
    /// that opening some other SQLite database as a catalog is refused.
    /// </summary>
    public const int ApplicationId = 0x494F5843;

    /// <summary>The bookkeeping table, created before any migration runs.</summary>
    public const string SchemaVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY NOT NULL,
            applied_at_ns INTEGER NOT NULL
        );
        """;

    /// <summary>The migration scripts, index 0 being migration 1.</summary>
    public static readonly string[] Scripts =
    [
        """
        CREATE TABLE databases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            retention_period_ns INTEGER NULL CHECK (retention_period_ns > 0),
            created_at_ns INTEGER NOT NULL
        );
        CREATE TABLE tables (
            id INTEGER PRIMARY KEY,
            database_id INTEGER NOT NULL REFERENCES databases (id),
            name TEXT NOT NULL,
            created_at_ns INTEGER NOT NULL,
            UNIQUE (database_id, name)
        );
        CREATE TABLE columns (
            id INTEGER PRIMARY KEY,
            table_id INTEGER NOT NULL REFERENCES tables (id),
            name TEXT NOT NULL,
            data_type INTEGER NOT NULL,
            role INTEGER NOT NULL CHECK (role IN (1, 2, 3)),
            ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
            UNIQUE (table_id, name),
            UNIQUE (table_id, ordinal)
        );
        CREATE TABLE parquet_files (
            id INTEGER PRIMARY KEY,
            table_id INTEGER NOT NULL REFERENCES tables (id),
            partition_day TEXT NOT NULL,
            object_key TEXT NOT NULL UNIQUE,
            min_time INTEGER NOT NULL,
            max_time INTEGER NOT NULL,
            row_count INTEGER NOT NULL CHECK (row_count >= 0),
            size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
            created_at_ns INTEGER NOT NULL,
            compaction_level INTEGER NOT NULL CHECK (compaction_level >= 0),
            to_delete_at_ns INTEGER NULL,
            CHECK (min_time <= max_time)
        );
        CREATE INDEX parquet_files_by_table_time ON parquet_files (table_id, min_time, max_time);
        CREATE INDEX parquet_files_by_delete_time ON parquet_files (to_delete_at_ns) WHERE to_delete_at_ns IS NOT NULL;
        CREATE TABLE file_column_stats (
            file_id INTEGER NOT NULL REFERENCES parquet_files (id) ON DELETE CASCADE,
            column_id INTEGER NOT NULL REFERENCES columns (id),
            min_value BLOB NULL,
            max_value BLOB NULL,
            null_count INTEGER NOT NULL CHECK (null_count >= 0),
            PRIMARY KEY (file_id, column_id)
        );
        CREATE TABLE deletes (
            id INTEGER PRIMARY KEY,
            table_id INTEGER NOT NULL REFERENCES tables (id),
            predicate TEXT NOT NULL,
            min_time INTEGER NOT NULL,
            max_time INTEGER NOT NULL,
            created_at_ns INTEGER NOT NULL,
            CHECK (min_time <= max_time)
        );
        CREATE INDEX deletes_by_table ON deletes (table_id);
        """,
        """
        CREATE TABLE persist_state (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            wal_sequence INTEGER NOT NULL CHECK (wal_sequence >= 0),
            persisted_at_ns INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE roles (
            name TEXT PRIMARY KEY NOT NULL,
            password_verifier TEXT NULL,
            can_login INTEGER NOT NULL CHECK (can_login IN (0, 1)),
            superuser INTEGER NOT NULL CHECK (superuser IN (0, 1)),
            created_at_ns INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE deletes ADD COLUMN wal_sequence INTEGER NOT NULL DEFAULT 0 CHECK (wal_sequence >= 0);
        CREATE TABLE delete_files (
            delete_id INTEGER NOT NULL REFERENCES deletes (id) ON DELETE CASCADE,
            file_id INTEGER NOT NULL REFERENCES parquet_files (id) ON DELETE CASCADE,
            PRIMARY KEY (delete_id, file_id)
        );
        CREATE INDEX delete_files_by_file ON delete_files (file_id);
        """,
        """
        CREATE TABLE dropped_objects (
            object_key TEXT PRIMARY KEY NOT NULL,
            to_delete_at_ns INTEGER NOT NULL
        );
        CREATE INDEX dropped_objects_by_delete_time ON dropped_objects (to_delete_at_ns);
        CREATE TABLE drop_markers (
            id INTEGER PRIMARY KEY,
            database_name TEXT NOT NULL,
            table_name TEXT NULL,
            wal_sequence INTEGER NOT NULL CHECK (wal_sequence >= 0),
            dropped_at_ns INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build writes and understands.</summary>
    public static int CurrentVersion => Scripts.Length;
}
