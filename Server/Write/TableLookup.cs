using System.Text;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Server.Write;

/// <summary>
/// Finds the table for a measurement name given as UTF-8 bytes, remembering the last few so a
/// body that interleaves a handful of measurements decodes no name per line. Per request; not
/// thread-safe.
/// </summary>
internal sealed class TableLookup
{
    /// <summary>Entries remembered; a body with more distinct measurements decodes names again.</summary>
    private const int Capacity = 8;

    /// <summary>The database the tables belong to.</summary>
    private readonly DatabaseBuffer _database;

    /// <summary>Remembered names (UTF-8), parallel to <see cref="_tables"/>.</summary>
    private readonly byte[][] _names = new byte[Capacity][];

    /// <summary>Remembered tables.</summary>
    private readonly TableBuffer[] _tables = new TableBuffer[Capacity];

    /// <summary>Entries in use.</summary>
    private int _count;

    /// <summary>Next slot to replace once full (round robin).</summary>
    private int _next;

    /// <summary>Creates a lookup for <paramref name="database"/>.</summary>
    public TableLookup(DatabaseBuffer database) => _database = database;

    /// <summary>The table named <paramref name="measurement"/>, created when new.</summary>
    public TableBuffer Get(ReadOnlySpan<byte> measurement) => Find(measurement, create: true)!;

    /// <summary>The table named <paramref name="measurement"/>, or null when it does not exist (nothing is created).</summary>
    public TableBuffer? TryGet(ReadOnlySpan<byte> measurement) => Find(measurement, create: false);

    /// <summary>Looks in the remembered entries, then in the database.</summary>
    private TableBuffer? Find(ReadOnlySpan<byte> measurement, bool create)
    {
        for (int i = 0; i < _count; i++)
        {
            if (measurement.SequenceEqual(_names[i]))
            {
                return _tables[i];
            }
        }

        string name = Encoding.UTF8.GetString(measurement);
        TableBuffer? table;
        if (create)
        {
            table = _database.GetOrCreateTable(name);
        }
        else if (!_database.TryGetTable(name, out table))
        {
            return null;
        }

        int slot = _count < Capacity ? _count++ : _next++ % Capacity;
        _names[slot] = measurement.ToArray();
        _tables[slot] = table;
        return table;
    }
}
