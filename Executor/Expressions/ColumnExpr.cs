using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>Reads column <see cref="Index"/> of the input batch (zero copy).</summary>
public sealed class ColumnExpr : PhysicalExpr
{
    /// <summary>The column's type.</summary>
    private readonly DataType _type;

    /// <summary>Creates a reference to input column <paramref name="index"/>.</summary>
    public ColumnExpr(int index, DataType type)
    {
        Index = index;
        _type = type;
    }

    /// <summary>The input column index.</summary>
    public int Index { get; }

    /// <inheritdoc/>
    public override DataType Type => _type;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => batch.Column(Index);
}
