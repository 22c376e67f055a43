using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// Evaluation of conditional expressions (CASE, COALESCE) over only the rows that reach each arm,
/// as PostgreSQL does, so <c>CASE WHEN x = 0 THEN 0 ELSE 1 / x END</c> never divides by zero.
/// Tracks the rows still undecided (as indices into the original batch), hands out sub-batches of
/// them, and assembles the result from the per-arm columns with one gather at the end. Allocates
/// per batch and per arm, never per row.
/// </summary>
internal sealed class RowRouter
{
    /// <summary>The batch being evaluated.</summary>
    private readonly RecordBatch _batch;

    /// <summary>The result type.</summary>
    private readonly DataType _type;

    /// <summary>Rows not decided yet (original indices, ascending); first <see cref="_remainingCount"/> are valid.</summary>
    private int[] _remaining;

    /// <summary>How many rows are undecided.</summary>
    private int _remainingCount;

    /// <summary>Per original row, the index of its value in the concatenation of <see cref="_parts"/>; -1 = NULL.</summary>
    private readonly int[] _source;

    /// <summary>The decided values, arm by arm.</summary>
    private readonly List<Column> _parts = [];

    /// <summary>Total length of <see cref="_parts"/>.</summary>
    private int _partRows;

    /// <summary>Starts with every row of <paramref name="batch"/> undecided.</summary>
    public RowRouter(RecordBatch batch, DataType type)
    {
        _batch = batch;
        _type = type;
        int n = batch.RowCount;
        _remaining = new int[n];
        for (int i = 0; i < n; i++)
        {
            _remaining[i] = i;
        }

        _remainingCount = n;
        _source = new int[n];
        Array.Fill(_source, -1);
    }

    /// <summary>How many rows are still undecided.</summary>
    public int RemainingCount => _remainingCount;

    /// <summary>The undecided rows as a batch (the batch itself while every row is undecided).</summary>
    public RecordBatch Remaining() => _remainingCount == _batch.RowCount ? _batch : Take(_batch, _remaining.AsSpan(0, _remainingCount));

    /// <summary>The rows at <paramref name="selected"/> (ascending indices) of <paramref name="remaining"/>.</summary>
    public static RecordBatch Subset(RecordBatch remaining, ReadOnlySpan<int> selected) =>
        selected.Length == remaining.RowCount ? remaining : Take(remaining, selected);

    /// <summary>
    /// Decides the undecided rows at <paramref name="selected"/> (indices into <see cref="Remaining"/>,
    /// ascending) with <paramref name="column"/>, which holds their values in that order.
    /// </summary>
    public void Decide(ReadOnlySpan<int> selected, Column column)
    {
        if (selected.Length == 0)
        {
            return;
        }

        for (int j = 0; j < selected.Length; j++)
        {
            _source[_remaining[selected[j]]] = _partRows + j;
        }

        _parts.Add(column);
        _partRows += column.Length;

        // Drop the decided rows from the undecided list (both lists ascending).
        int keep = 0;
        int s = 0;
        for (int i = 0; i < _remainingCount; i++)
        {
            if (s < selected.Length && selected[s] == i)
            {
                s++;
                continue;
            }

            _remaining[keep++] = _remaining[i];
        }

        _remainingCount = keep;
    }

    /// <summary>The result column: each row's decided value, NULL for rows never decided.</summary>
    public Column Finish()
    {
        int n = _batch.RowCount;
        if (_parts.Count == 1 && _partRows == n && _remainingCount == 0)
        {
            // One arm took every row, in order.
            return _parts[0];
        }

        if (_parts.Count == 0)
        {
            return ColumnFactory.Constant(Values.ScalarValue.Null(_type), n);
        }

        // A trailing NULL row in the concatenation serves every undecided row.
        var parts = new List<Column>(_parts) { ColumnFactory.Constant(Values.ScalarValue.Null(_type), 1) };
        Column all = ColumnFactory.Concat(_type, parts);
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            indices[i] = _source[i] < 0 ? _partRows : _source[i];
        }

        return ColumnFactory.Take(all, indices);
    }

    /// <summary>The rows at <paramref name="rows"/> of <paramref name="batch"/>.</summary>
    private static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> rows)
    {
        var columns = new Column[batch.Schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = ColumnFactory.Take(batch.Column(c), rows);
        }

        return new RecordBatch(batch.Schema, columns, rows.Length);
    }
}
