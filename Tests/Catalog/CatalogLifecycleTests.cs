using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Errors;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Tests.Catalog;

/// <summary>DROP TABLE / DROP DATABASE, drop markers, dropped objects and retention expiry in the catalog.</summary>
public sealed class CatalogLifecycleTests
{
    /// <summary>A fixed start for the manual clock.</summary>
    private static readonly DateTimeOffset s_start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DropTableForgetsItsRowsHandsItsObjectsToTheSweeperAndRecordsAMarker()
    {
        using var fixture = new CatalogFixture();
        var clock = new ManualTimeProvider(s_start);
        using CatalogStore catalog = fixture.Open(clock);
        long cpu = catalog.GetOrCreateTable("db", "cpu").Id;
        catalog.GetOrCreateColumns(cpu, [new ColumnDefinition("usage", DataType.Float64, ColumnRole.Field)]);
        IReadOnlyList<CatalogFile> files = catalog.AddFiles(cpu, [File("db/cpu/a", 1, 2, [new FileColumnStats("usage", 1.0, 2.0, 0)]), File("db/cpu/b", 3, 4, [])]);
        catalog.SwapFiles(cpu, [files[1].Id], [File("db/cpu/c", 3, 4, [])], TimeSpan.FromSeconds(10));
        catalog.AddDelete(cpu, "host = 'a'", 0, 10);
        long mem = catalog.GetOrCreateTable("db", "mem").Id;
        catalog.AddFiles(mem, [File("db/mem/a", 1, 2, [])]);

        Assert.True(catalog.DropTable("db", "cpu", 42, TimeSpan.FromMinutes(1)));
        Assert.Null(catalog.GetTable("db", "cpu"));
        Assert.Empty(catalog.GetColumns(cpu));
        Assert.Equal(["mem"], catalog.ListTables("db").Select(t => t.Name));
        Assert.Equal(["db/cpu/a", "db/cpu/b", "db/cpu/c", "db/mem/a"], catalog.ListAllObjectKeys().Order(StringComparer.Ordinal));
        Assert.Equal([new DropMarker(1, "db", "cpu", 42)], catalog.ListDropMarkers(0));

        // The compacted-away file keeps its earlier deadline; the others wait for the grace period.
        Assert.Empty(catalog.ListDroppedObjectsDue());
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(["db/cpu/b"], catalog.ListDroppedObjectsDue());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["db/cpu/b", "db/cpu/a", "db/cpu/c"], catalog.ListDroppedObjectsDue());
        catalog.ForgetDroppedObjects(catalog.ListDroppedObjectsDue());
        Assert.Equal(["db/mem/a"], catalog.ListAllObjectKeys());

        // A table only the WAL knows still gets its marker; the name can be created again.
        Assert.False(catalog.DropTable("db", "ghost", 43, TimeSpan.Zero));
        Assert.Equal(["cpu", "ghost"], catalog.ListDropMarkers(0).Select(m => m.Table!));
        Assert.NotEqual(cpu, catalog.GetOrCreateTable("db", "cpu").Id);
        Assert.Equal(["ghost"], catalog.ListDropMarkers(42).Select(m => m.Table!));
        Assert.Equal(1, catalog.PruneDropMarkers(42));
        Assert.Equal(["ghost"], catalog.ListDropMarkers(0).Select(m => m.Table!));
    }

    [Fact]
    public void DropDatabaseRemovesEveryTableAndTheDatabaseInOneTransaction()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start));
        catalog.CreateDatabase("db", TimeSpan.FromDays(7));
        catalog.AddFiles(catalog.GetOrCreateTable("db", "cpu").Id, [File("db/cpu/a", 1, 2, [])]);
        catalog.AddFiles(catalog.GetOrCreateTable("db", "mem").Id, [File("db/mem/a", 1, 2, [])]);
        catalog.GetOrCreateTable("other", "cpu");

        Assert.True(catalog.DropDatabase("db", 7, TimeSpan.Zero));
        Assert.Null(catalog.GetDatabase("db"));
        Assert.Equal(["other"], catalog.ListDatabases().Select(d => d.Name));
        Assert.Equal(["db/cpu/a", "db/mem/a"], catalog.ListDroppedObjectsDue());
        DropMarker marker = Assert.Single(catalog.ListDropMarkers(0));
        Assert.Equal(("db", (string?)null, 7UL), (marker.Database, marker.Table, marker.WalSequence));
        Assert.False(catalog.DropDatabase("db", 8, TimeSpan.Zero));

        // Re-created without the old retention.
        Assert.Null(catalog.GetOrCreateDatabase("db", null).RetentionPeriod);
    }

    [Fact]
    public void CreateDatabaseKeepsItsRetentionAndRefusesDuplicatesAndBadPeriods()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore catalog = fixture.Open(new ManualTimeProvider(s_start));
        Assert.Equal(TimeSpan.FromDays(30), catalog.CreateDatabase("db", TimeSpan.FromDays(30)).RetentionPeriod);
        Assert.Equal(SqlState.DuplicateDatabase, Assert.Throws<SqlException>(() => catalog.CreateDatabase("db", null)).SqlState);
        Assert.Equal(SqlState.InvalidParameterValue, Assert.Throws<SqlException>(() => catalog.CreateDatabase("x", TimeSpan.Zero)).SqlState);
        Assert.Equal(TimeSpan.FromDays(30), catalog.GetOrCreateDatabase("db", TimeSpan.FromDays(1)).RetentionPeriod);
        Assert.Equal(TimeSpan.FromHours(5), catalog.GetOrCreateDatabase("new", TimeSpan.FromHours(5)).RetentionPeriod);
    }

    [Fact]
    public void ExpireFilesMarksOnlyWholeDaysBeforeTheFirstKeptDay()
    {
        using var fixture = new CatalogFixture();
        var clock = new ManualTimeProvider(s_start);
        using CatalogStore catalog = fixture.Open(clock);
        long cpu = catalog.GetOrCreateTable("db", "cpu").Id;
        catalog.AddFiles(cpu,
        [
            File("d1", 1, 2, []) with { PartitionDay = new DateOnly(2024, 2, 1) },
            File("d2", 1, 2, []) with { PartitionDay = new DateOnly(2024, 2, 2) },
            File("d3", 1, 2, []) with { PartitionDay = new DateOnly(2024, 2, 3) },
        ]);
        IReadOnlyList<CatalogFile> expired = catalog.ExpireFiles(cpu, new DateOnly(2024, 2, 3), TimeSpan.FromMinutes(5));
        Assert.Equal(["d1", "d2"], expired.Select(f => f.ObjectKey));
        Assert.Equal(["d3"], catalog.ListFiles(cpu).Select(f => f.ObjectKey));
        Assert.Empty(catalog.ExpireFiles(cpu, new DateOnly(2024, 2, 3), TimeSpan.Zero));
        Assert.Empty(catalog.ListFilesDueForDeletion());
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["d1", "d2"], catalog.ListFilesDueForDeletion().Select(f => f.ObjectKey));
    }

    /// <summary>A new file of 2024-03-01 with the given key, time range and statistics.</summary>
    private static NewParquetFile File(string key, long min, long max, IReadOnlyList<FileColumnStats> stats) =>
        new(new DateOnly(2024, 3, 1), key, min, max, 10, 100, 0, stats);
}
