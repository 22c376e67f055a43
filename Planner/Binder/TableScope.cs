using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// The table of a FROM clause while binding: its schema, the name it is referred to by (the alias
/// if any), and the columns referenced so far, each given a scan output slot on first use, so
/// the scan reads only what the query needs.
/// </summary>
internal sealed class TableScope(TableBuffer table, Schema schema, string? alias)
{
    /// <summary>Scan slot by table column index.</summary>
    private readonly Dictionary<int, int> _slots = [];

    /// <summary>The table.</summary>
    public TableBuffer Table { get; } = table;

    /// <summary>The table schema as bound.</summary>
    public Schema Schema { get; } = schema;

    /// <summary>The alias, if any (then the table name itself is not visible).</summary>
    public string? Alias { get; } = alias;

    /// <summary>The name column references qualify with.</summary>
    public string RefName => Alias ?? Table.Name;

    /// <summary>Table column index of each scan slot, in slot order.</summary>
    public List<int> Projection { get; } = [];

    /// <summary>The scan slot of table column <paramref name="column"/>, assigned on first use.</summary>
    public int SlotOf(int column)
    {
        if (!_slots.TryGetValue(column, out int slot))
        {
            slot = Projection.Count;
            Projection.Add(column);
            _slots.Add(column, slot);
        }

        return slot;
    }
}
