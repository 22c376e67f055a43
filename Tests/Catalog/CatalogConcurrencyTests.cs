using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Errors;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Tests.Catalog;

/// <summary>Two writers (two catalog instances on one file, as two processes would be) racing.</summary>
public sealed class CatalogConcurrencyTests
{
    [Fact]
    public async Task ConflictingColumnTypesFromTwoWritersHaveExactlyOneWinner()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore first = fixture.Open();
        using CatalogStore second = fixture.Open();
        for (int round = 0; round < 20; round++)
        {
            string table = "t" + round;
            using var start = new Barrier(2);
            Task<DataType?> a = Task.Run(() => AddColumn(first, table, DataType.Int64, start));
            Task<DataType?> b = Task.Run(() => AddColumn(second, table, DataType.Float64, start));
            DataType?[] outcomes = await Task.WhenAll(a, b);

            // One succeeded, one was rejected, and the catalog holds the winner's type once.
            Assert.Single(outcomes, o => o is not null);
            CatalogColumn column = Assert.Single(first.GetColumns(first.GetTable("db", table)!.Id), c => c.Name == "v");
            Assert.Equal(outcomes.Single(o => o is not null), column.Type);
            Assert.Equal(1, column.Ordinal);
        }
    }

    [Fact]
    public async Task ConcurrentAddsAreAllKeptAndConcurrentSwapsOfTheSameFilesHaveOneWinner()
    {
        using var fixture = new CatalogFixture();
        using CatalogStore first = fixture.Open();
        using CatalogStore second = fixture.Open();
        long table = first.GetOrCreateTable("db", "cpu").Id;

        Task AddMany(CatalogStore catalog, string prefix) => Task.Run(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                catalog.AddFiles(table, [CatalogApiTests.File($"{prefix}{i}", i, i + 1, [new FileColumnStats("time", (long)i, (long)i + 1, 0)])]);
            }
        });

        await Task.WhenAll(AddMany(first, "a"), AddMany(second, "b"));
        IReadOnlyList<CatalogFile> files = second.ListFiles(table);
        Assert.Equal(100, files.Count);

        long[] victims = files.Take(10).Select(f => f.Id).ToArray();
        using var start = new Barrier(2);
        Task<bool> Swap(CatalogStore catalog, string key) => Task.Run(() =>
        {
            start.SignalAndWait();
            try
            {
                catalog.SwapFiles(table, victims, [CatalogApiTests.File(key, 0, 11, [], level: 1)], TimeSpan.FromMinutes(1));
                return true;
            }
            catch (SqlException e) when (e.SqlState == SqlState.SerializationFailure)
            {
                return false;
            }
        });

        bool[] won = await Task.WhenAll(Swap(first, "swap1"), Swap(second, "swap2"));
        Assert.Single(won, w => w);
        IReadOnlyList<CatalogFile> after = first.ListFiles(table);
        Assert.Equal(91, after.Count);
        Assert.Single(after, f => f.ObjectKey.StartsWith("swap", StringComparison.Ordinal));
    }

    /// <summary>Creates table.v with the type; the type on success, null when the other writer's type won.</summary>
    private static DataType? AddColumn(CatalogStore catalog, string table, DataType type, Barrier start)
    {
        start.SignalAndWait();
        long id = catalog.GetOrCreateTable("db", table).Id;
        try
        {
            catalog.GetOrCreateColumns(id, [new ColumnDefinition("v", type, ColumnRole.Field)]);
            return type;
        }
        catch (SqlException e) when (e.SqlState == SqlState.DatatypeMismatch)
        {
            return null;
        }
    }
}
