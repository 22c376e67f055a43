using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Errors;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Tests.Catalog;

/// <summary>The catalog's transactional operations, each against a real SQLite file.</summary>
public sealed class CatalogApiTests
{
    /// <summary>A fixed start for the manual clock.</summary>
    private static readonly DateTimeOffset s_start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetOrCreateDatabaseAndTableAreIdempotentAndTableStartsWithTime()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start));
        CatalogDatabase db = catalog.GetOrCreateDatabase("db");
        Assert.Equal(db, catalog.GetOrCreateDatabase("db"));
        Assert.Equal(s_start, db.CreatedAt);
        Assert.Null(db.RetentionPeriod);

        CatalogTable cpu = catalog.GetOrCreateTable("db", "cpu");
        Assert.Equal(cpu, catalog.GetOrCreateTable("db", "cpu"));
        Assert.Equal(db.Id, cpu.DatabaseId);
        CatalogTable other = catalog.GetOrCreateTable("new-db", "cpu");
        Assert.NotEqual(cpu.Id, other.Id);
        Assert.NotEqual(cpu, catalog.GetOrCreateTable("db", "CPU"));

        CatalogColumn time = Assert.Single(catalog.GetColumns(cpu.Id));
        Assert.Equal(new CatalogColumn(time.Id, cpu.Id, "time", DataType.Timestamp, ColumnRole.Time, 0), time);
        Assert.Equal(["db", "new-db"], catalog.ListDatabases().Select(d => d.Name));
        Assert.Equal(["CPU", "cpu"], catalog.ListTables("db").Select(t => t.Name));
        Assert.Null(catalog.GetTable("db", "mem"));
        Assert.Null(catalog.GetTable("nodb", "cpu"));
        Assert.Equal(cpu, catalog.GetTable("db", "cpu"));
        Assert.Equal(SqlState.InvalidCatalogName, Assert.Throws<SqlException>(() => catalog.ListTables("nodb")).SqlState);
    }

    [Fact]
    public void ColumnsAreAppendedInOrderAndTheirTypeNeverChanges()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open();
        long table = catalog.GetOrCreateTable("db", "cpu").Id;
        IReadOnlyList<CatalogColumn> columns = catalog.GetOrCreateColumns(table,
        [
            new ColumnDefinition("host", DataType.Utf8, ColumnRole.Tag),
            new ColumnDefinition("usage", DataType.Float64, ColumnRole.Field),
        ]);
        Assert.Equal(["time:0", "host:1", "usage:2"], columns.Select(c => c.Name + ":" + c.Ordinal));

        // Existing ones are matched, new ones appended after them.
        columns = catalog.GetOrCreateColumns(table,
        [
            new ColumnDefinition("usage", DataType.Float64, ColumnRole.Field),
            new ColumnDefinition("count", DataType.Int64, ColumnRole.Field),
            new ColumnDefinition("time", DataType.Timestamp, ColumnRole.Time),
        ]);
        Assert.Equal(["time:0", "host:1", "usage:2", "count:3"], columns.Select(c => c.Name + ":" + c.Ordinal));

        // A conflict rejects the whole call: "region" is not added either.
        SqlException e = Assert.Throws<SqlException>(() => catalog.GetOrCreateColumns(table,
        [
            new ColumnDefinition("region", DataType.Utf8, ColumnRole.Tag),
            new ColumnDefinition("usage", DataType.Int64, ColumnRole.Field),
        ]));
        Assert.Equal(SqlState.DatatypeMismatch, e.SqlState);
        Assert.Equal("column \"usage\" is field Float64, not field Int64", e.Message);
        Assert.Equal(SqlState.DatatypeMismatch, Assert.Throws<SqlException>(() =>
            catalog.GetOrCreateColumns(table, [new ColumnDefinition("host", DataType.Utf8, ColumnRole.Field)])).SqlState);
        Assert.Equal(4, catalog.GetColumns(table).Count);
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() =>
            catalog.GetOrCreateColumns(9999, [new ColumnDefinition("x", DataType.Int64, ColumnRole.Field)])).SqlState);
    }

    [Fact]
    public void RetentionIsSetAndRead()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open();
        catalog.GetOrCreateDatabase("db");
        Assert.Null(catalog.GetRetention("db"));
        catalog.SetRetention("db", TimeSpan.FromDays(30));
        Assert.Equal(TimeSpan.FromDays(30), catalog.GetRetention("db"));
        Assert.Equal(TimeSpan.FromDays(30), catalog.GetDatabase("db")!.RetentionPeriod);
        catalog.SetRetention("db", null);
        Assert.Null(catalog.GetRetention("db"));
        Assert.Equal(SqlState.InvalidCatalogName, Assert.Throws<SqlException>(() => catalog.SetRetention("nodb", TimeSpan.FromDays(1))).SqlState);
        Assert.Equal(SqlState.InvalidCatalogName, Assert.Throws<SqlException>(() => catalog.GetRetention("nodb")).SqlState);
        Assert.Equal(SqlState.InvalidParameterValue, Assert.Throws<SqlException>(() => catalog.SetRetention("db", TimeSpan.Zero)).SqlState);
    }

    [Fact]
    public void AddFilesIsAllOrNothingAndStatsRoundTrip()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start));
        long table = CreateCpu(catalog);
        FileColumnStats[] stats =
        [
            new("time", 100L, 200L, 0),
            new("host", "a", "z", 3),
            new("usage", 0.5, 99.5, 1),
            new("raw", new byte[] { 1, 2 }, null, 7),
        ];
        IReadOnlyList<CatalogFile> added = catalog.AddFiles(table, [File("k1", 100, 200, stats), File("k2", 300, 400, [])]);
        Assert.Equal(2, added.Count);
        Assert.Equal(s_start, added[0].CreatedAt);
        Assert.Null(added[0].ToDeleteAt);
        Assert.Equal(added, catalog.ListFiles(table));

        IReadOnlyList<FileColumnStats> read = catalog.GetFileColumnStats(added[0].Id);
        Assert.Equal(4, read.Count);
        Assert.Equal(100L, read[0].Min);
        Assert.Equal("z", read[1].Max);
        Assert.Equal(0.5, read[2].Min);
        Assert.Equal(new byte[] { 1, 2 }, (byte[])read[3].Min!);
        Assert.Null(read[3].Max);
        Assert.Equal(7, read[3].NullCount);

        // A bad second file rolls back the good first one.
        SqlException unknownColumn = Assert.Throws<SqlException>(() =>
            catalog.AddFiles(table, [File("k3", 1, 2, []), File("k4", 1, 2, [new FileColumnStats("nope", 1L, 2L, 0)])]));
        Assert.Equal(SqlState.UndefinedColumn, unknownColumn.SqlState);
        SqlException duplicate = Assert.Throws<SqlException>(() => catalog.AddFiles(table, [File("k5", 1, 2, []), File("k1", 1, 2, [])]));
        Assert.Equal(SqlState.SerializationFailure, duplicate.SqlState);
        Assert.Equal(["k1", "k2"], catalog.ListFiles(table).Select(f => f.ObjectKey));
        Assert.Throws<ArgumentException>(() => catalog.AddFiles(table, [File("k6", 5, 4, [])]));
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => catalog.AddFiles(4242, [File("k7", 1, 2, [])])).SqlState);
    }

    [Fact]
    public void ListFilesReturnsLiveFilesOverlappingTheRangeInclusive()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open();
        long table = CreateCpu(catalog);
        long other = catalog.GetOrCreateTable("db", "mem").Id;
        catalog.AddFiles(table, [File("a", 0, 99, []), File("b", 100, 199, []), File("c", 200, 299, []), File("d", 50, 250, [])]);
        catalog.AddFiles(other, [File("m", 0, 1000, [])]);

        Assert.Equal(["a", "d", "b", "c"], Keys(catalog.ListFiles(table)));
        Assert.Equal(["a", "d"], Keys(catalog.ListFiles(table, 0, 50)));
        Assert.Equal(["d", "b"], Keys(catalog.ListFiles(table, 100, 199)));
        Assert.Equal(["d", "b", "c"], Keys(catalog.ListFiles(table, 199, 200)));
        Assert.Equal(["c"], Keys(catalog.ListFiles(table, 299, 1000)));
        Assert.Empty(catalog.ListFiles(table, 300, 1000));
        Assert.Empty(catalog.ListFiles(table, -100, -1));
    }

    [Fact]
    public void SwapReplacesFilesAtomicallyAndDeletesAfterTheGracePeriod()
    {
        using var fixture = new CatalogFixture();
        var clock = new ManualTimeProvider(s_start);
        using CatalogStore catalog = fixture.Open(clock);
        long table = CreateCpu(catalog);
        IReadOnlyList<CatalogFile> level0 = catalog.AddFiles(table, [File("a", 0, 99, []), File("b", 100, 199, []), File("c", 200, 299, [])]);

        IReadOnlyList<CatalogFile> compacted = catalog.SwapFiles(
            table, [level0[0].Id, level0[1].Id], [File("ab", 0, 199, [new FileColumnStats("time", 0L, 199L, 0)], level: 1)], TimeSpan.FromMinutes(10));
        Assert.Equal(1, Assert.Single(compacted).CompactionLevel);
        Assert.Equal(["ab", "c"], Keys(catalog.ListFiles(table)));

        // Replacing a file already replaced is a conflict and changes nothing, not even "c".
        SqlException conflict = Assert.Throws<SqlException>(() =>
            catalog.SwapFiles(table, [level0[2].Id, level0[0].Id], [File("x", 0, 299, [], level: 1)], TimeSpan.Zero));
        Assert.Equal(SqlState.SerializationFailure, conflict.SqlState);
        Assert.Equal(["ab", "c"], Keys(catalog.ListFiles(table)));

        // A file of another table cannot be swapped through this one.
        long mem = catalog.GetOrCreateTable("db", "mem").Id;
        Assert.Equal(SqlState.SerializationFailure, Assert.Throws<SqlException>(() =>
            catalog.SwapFiles(mem, [level0[2].Id], [], TimeSpan.Zero)).SqlState);

        Assert.Empty(catalog.ListFilesDueForDeletion());
        Assert.Equal(SqlState.SerializationFailure, Assert.Throws<SqlException>(() => catalog.ForgetFiles([level0[0].Id])).SqlState);
        Assert.Equal(SqlState.SerializationFailure, Assert.Throws<SqlException>(() => catalog.ForgetFiles([level0[2].Id])).SqlState);

        clock.Advance(TimeSpan.FromMinutes(10));
        IReadOnlyList<CatalogFile> due = catalog.ListFilesDueForDeletion();
        Assert.Equal(["a", "b"], Keys(due));
        Assert.All(due, f => Assert.Equal(s_start.AddMinutes(10), f.ToDeleteAt));
        catalog.ForgetFiles(due.Select(f => f.Id).ToArray());
        Assert.Empty(catalog.ListFilesDueForDeletion());
        Assert.Equal(["ab", "c"], Keys(catalog.ListFiles(table)));
    }

    [Fact]
    public void DeletesAreRecordedAndListedByTimeRange()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start));
        long table = CreateCpu(catalog);
        CatalogDelete first = catalog.AddDelete(table, "host = 'a'", 0, 100);
        catalog.AddDelete(table, "", 500, 600);
        Assert.Equal(s_start, first.CreatedAt);
        Assert.Equal([first], catalog.ListDeletes(table, 50, 60));
        Assert.Equal(2, catalog.ListDeletes(table).Count);
        Assert.Empty(catalog.ListDeletes(table, 101, 499));
        Assert.Throws<ArgumentException>(() => catalog.AddDelete(table, "", 2, 1));

        // Foreign keys are on: a delete of an unknown table is refused.
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => catalog.AddDelete(777, "", 1, 2)).SqlState);
    }

    [Fact]
    public void ReopeningTheFileKeepsEverything()
    {
        using var fixture = new CatalogFixture();
        long table;
        CatalogFile[] files;
        IReadOnlyList<CatalogColumn> columns;
        using (CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start)))
        {
            table = CreateCpu(catalog);
            catalog.SetRetention("db", TimeSpan.FromHours(6));
            files = [.. catalog.AddFiles(table, [File("a", 0, 9, [new FileColumnStats("host", "h1", "h9", 2)]), File("b", 10, 19, [])])];
            catalog.SwapFiles(table, [files[1].Id], [File("b2", 10, 19, [], level: 1)], TimeSpan.FromHours(1));
            catalog.AddDelete(table, "host = 'x'", 0, 5);
            columns = catalog.GetColumns(table);
        }

        using CatalogStore reopened = fixture.Open(new ManualTimeProvider(s_start.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(6), reopened.GetRetention("db"));
        Assert.Equal(table, reopened.GetTable("db", "cpu")!.Id);
        Assert.Equal(columns, reopened.GetColumns(table));
        Assert.Equal(["a", "b2"], Keys(reopened.ListFiles(table)));
        Assert.Equal(files[0], reopened.ListFiles(table)[0]);
        Assert.Equal([new FileColumnStats("host", "h1", "h9", 2)], reopened.GetFileColumnStats(files[0].Id));
        Assert.Equal(["b"], Keys(reopened.ListFilesDueForDeletion()));
        Assert.Equal("host = 'x'", Assert.Single(reopened.ListDeletes(table)).Predicate);
        Assert.Equal([1, 2, 3, 4, 5], reopened.AppliedSchemaVersions());
    }

    /// <summary>db.cpu with a tag, two fields and a binary-statistics column.</summary>
    private static long CreateCpu(CatalogStore catalog)
    {
        long table = catalog.GetOrCreateTable("db", "cpu").Id;
        catalog.GetOrCreateColumns(table,
        [
            new ColumnDefinition("host", DataType.Utf8, ColumnRole.Tag),
            new ColumnDefinition("usage", DataType.Float64, ColumnRole.Field),
            new ColumnDefinition("raw", DataType.UInt64, ColumnRole.Field),
        ]);
        return table;
    }

    /// <summary>A file description with the given key and time range.</summary>
    internal static NewParquetFile File(string key, long min, long max, IReadOnlyList<FileColumnStats> stats, int level = 0) =>
        new(DateOnly.FromDateTime(DateTime.UnixEpoch), key, min, max, 10, 1000, level, stats);

    /// <summary>The object keys of files.</summary>
    private static string[] Keys(IReadOnlyList<CatalogFile> files) => files.Select(f => f.ObjectKey).ToArray();
}
