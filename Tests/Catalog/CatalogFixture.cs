using IOx.Pg.Storage.Catalog;

namespace IOx.Pg.Tests.Catalog;

/// <summary>A catalog file in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class CatalogFixture : IDisposable
{
    /// <summary>Creates the directory (the catalog file is created by the first Open).</summary>
    public CatalogFixture()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ioxpg-catalog-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "catalog.sqlite");
    }

    /// <summary>The directory.</summary>
    public string Directory { get; }

    /// <summary>The catalog file.</summary>
    public string Path { get; }

    /// <summary>Opens the catalog file.</summary>
    public IOx.Pg.Storage.Catalog.Catalog Open(TimeProvider? time = null) => IOx.Pg.Storage.Catalog.Catalog.Open(Path, time);

    /// <inheritdoc/>
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
