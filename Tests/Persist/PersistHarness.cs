using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.ObjectStore;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;
using CatalogStore = IOx.Pg.Storage.Catalog.Catalog;

namespace IOx.Pg.Tests.Persist;

/// <summary>
/// A write buffer with a real SQLite catalog, a real local object store and a persister, in a
/// temporary directory, queried through the SQL engine.
/// </summary>
internal sealed class PersistHarness : IDisposable
{
    /// <summary>The directory holding catalog and objects.</summary>
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ioxpg-persist-" + Guid.NewGuid().ToString("N"));

    /// <summary>Line parser scratch.</summary>
    private readonly LineParserBuffers _buffers = new();

    /// <summary>Creates the harness.</summary>
    public PersistHarness()
    {
        Directory.CreateDirectory(_dir);
        Buffer = new WriteBuffer();
        Catalog = CatalogStore.Open(Path.Combine(_dir, "catalog.sqlite"));
        Store = new LocalObjectStore(Path.Combine(_dir, "objects"));
        Persister = new Persister(Catalog, Store, trimWal: null);
        Engine = new QueryEngine(Buffer);
        Session = new Session("db", "test");
    }

    /// <summary>The buffer.</summary>
    public WriteBuffer Buffer { get; }

    /// <summary>The catalog.</summary>
    public CatalogStore Catalog { get; }

    /// <summary>The object store.</summary>
    public LocalObjectStore Store { get; }

    /// <summary>The persister.</summary>
    public Persister Persister { get; }

    /// <summary>The SQL engine.</summary>
    public QueryEngine Engine { get; }

    /// <summary>A session on database db.</summary>
    public Session Session { get; }

    /// <summary>Object store root.</summary>
    public string ObjectsDirectory => Path.Combine(_dir, "objects");

    /// <summary>Writes line protocol (ns precision) into database db; every line must be accepted.</summary>
    public void Write(string lines)
    {
        LineWriteResult result = LineProtocolWriter.Write(Buffer.GetOrCreateDatabase("db"), Encoding.UTF8.GetBytes(lines), new LineWriteOptions(TimestampPrecision.Nanosecond, 0), _buffers);
        Assert.Empty(result.BadLines);
    }

    /// <summary>Persists everything buffered.</summary>
    public PersistResult Persist() => Persister.PersistAsync(() => PersistCut.Seal(Buffer, 0), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The table's snapshot.</summary>
    public TableSnapshot Snapshot(string table)
    {
        Buffer.GetOrCreateDatabase("db").TryGetTable(table, out TableBuffer? t);
        return t!.Snapshot();
    }

    /// <summary>Rows of a query, cells as invariant text joined by '|'.</summary>
    public List<string> Query(string sql)
    {
        IReadOnlyList<Statement> statements = Engine.Parse(sql);
        QueryResult result = Engine.Execute(statements[0], Session, CancellationToken.None);
        var rows = new List<string>();
        foreach (RecordBatch batch in result.Batches)
        {
            for (int r = 0; r < batch.RowCount; r++)
            {
                var cells = new string[batch.Schema.Count];
                for (int c = 0; c < cells.Length; c++)
                {
                    object? value = ColumnFactory.GetScalar(batch.Column(c), r).Value;
                    cells[c] = value is null ? "NULL" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
                }

                rows.Add(string.Join("|", cells));
            }
        }

        return rows;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Catalog.Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
