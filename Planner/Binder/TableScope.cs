using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// The FROM item while binding: its schema, the name it is referred to by (the alias if any), and
/// for a table the columns referenced so far, each given a scan output slot on first use, so the
/// scan reads only what the query needs. For a subquery (<see cref="Subplan"/>) a column's slot is
/// its position in the subquery's output.
/// </summary>
internal sealed class TableScope(TableBuffer? table, Schema schema, string? alias)
{
    /// <summary>A scope over a subquery's bound plan, referred to by <paramref name="alias"/>.</summary>
    public TableScope(Logical.LogicalPlan subplan, Schema schema, string alias)
        : this((TableBuffer?)null, schema, alias)
    {
        Subplan = subplan;
    }

    /// <summary>Per column of a subquery or system relation, the PostgreSQL type OID its values are described with (0: the value type's own); null for a table.</summary>
    public IReadOnlyList<int>? PgTypes { get; init; }

    /// <summary>The subquery's plan, or null for a table.</summary>
    public Logical.LogicalPlan? Subplan { get; }

    /// <summary>The table's own name (the alias for a subquery).</summary>
    public string TableName => Table?.Name ?? Alias!;

    /// <summary>Scan slot by table column index.</summary>
    private readonly Dictionary<int, int> _slots = [];

    /// <summary>The table, or null for a subquery.</summary>
    public TableBuffer? Table { get; } = table;

    /// <summary>The table schema as bound.</summary>
    public Schema Schema { get; } = schema;

    /// <summary>The alias, if any (then the table name itself is not visible).</summary>
    public string? Alias { get; } = alias;

    /// <summary>The name column references qualify with.</summary>
    public string RefName => Alias ?? TableName;

    /// <summary>Table column index of each scan slot, in slot order.</summary>
    public List<int> Projection { get; } = [];

    /// <summary>
    /// For a table of a database with retention: the oldest time (ns) still retained when the
    /// statement started. Setting it gives the time column the first scan slot, so the retention
    /// filter above the scan can read it whatever the query references.
    /// </summary>
    public long? RetentionCutoff
    {
        get => _retentionCutoff;
        init
        {
            _retentionCutoff = value;
            if (value is not null && Subplan is null)
            {
                SlotOf(0);
            }
        }
    }

    /// <summary>Backing field of <see cref="RetentionCutoff"/>.</summary>
    private readonly long? _retentionCutoff;

    /// <summary>The scan slot of table column <paramref name="column"/>, assigned on first use.</summary>
    public int SlotOf(int column)
    {
        if (Subplan is not null)
        {
            return column;
        }

        if (!_slots.TryGetValue(column, out int slot))
        {
            slot = Projection.Count;
            Projection.Add(column);
            _slots.Add(column, slot);
        }

        return slot;
    }
}
