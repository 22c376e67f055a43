namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What CREATE DATABASE ... WITH (retention), DROP TABLE, DROP DATABASE and ALTER DATABASE ... SET
/// retention do to the server's storage (write buffer, catalog, WAL ordering). Installed by the
/// server; without it these statements are 0A000.
/// </summary>
public interface IDatabaseLifecycle
{
    /// <summary>Creates an empty database keeping data for <paramref name="retention"/> (null: forever); 42P04 when it exists.</summary>
    void CreateDatabase(string name, TimeSpan? retention);

    /// <summary>Drops a table of a database atomically; false (nothing done) when neither the buffer nor the catalog has it.</summary>
    bool DropTable(string database, string table);

    /// <summary>Drops a database and all its tables atomically; false (nothing done) when it does not exist.</summary>
    bool DropDatabase(string database);

    /// <summary>Sets a database's retention period (null: forever); 3D000 when it does not exist.</summary>
    void SetRetention(string database, TimeSpan? retention);
}
