using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Join;

/// <summary>
/// A hash join's build side, read whole: one concatenated column per input column with one extra
/// all-NULL row at index <see cref="Rows"/> (what outer joins gather for "no right row"), and the
/// rows chained by key: <see cref="Head"/>[group] is the first row with that key, <see cref="Next"/>[row]
/// the next one, -1 ending a chain, rows in input order. Rows with a NULL key are in no chain
/// unless NULLs are equal. Group ids come from the join's <see cref="GroupKeyMapper"/>, so a probe
/// key maps to the same id exactly when it equals a build key.
/// </summary>
internal sealed class BuildSide
{
    /// <summary>Scratch for probe rows' chain heads, reused per batch.</summary>
    private int[] _probe = new int[RecordBatch.MaxRows];

    /// <summary>Creates the side from its read parts.</summary>
    private BuildSide(Column[] columns, int rows, int[] head, int[] next, int groupCount, bool hasNullKey)
    {
        Columns = columns;
        Rows = rows;
        Head = head;
        Next = next;
        GroupCount = groupCount;
        HasNullKey = hasNullKey;
    }

    /// <summary>The build rows, one column per input column, with the trailing NULL row.</summary>
    public Column[] Columns { get; }

    /// <summary>The number of build rows (the NULL row's index).</summary>
    public int Rows { get; }

    /// <summary>First build row of each group, or -1.</summary>
    public int[] Head { get; }

    /// <summary>Next build row of the same group, or -1.</summary>
    public int[] Next { get; }

    /// <summary>Group ids below this were seen on the build side; higher ones (probe-only keys) match nothing.</summary>
    public int GroupCount { get; }

    /// <summary>Whether some build row's key holds a NULL (x NOT IN such a set is never true).</summary>
    public bool HasNullKey { get; }

    /// <summary>
    /// Reads <paramref name="input"/> whole and chains its rows by the keys <paramref name="keys"/>,
    /// charging what it keeps to <paramref name="memory"/> batch by batch (53200 past the query's limit).
    /// </summary>
    public static BuildSide Read(Operator input, PhysicalExpr[] keys, GroupKeyMapper mapper, bool nullsEqual, MemoryReservation memory, CancellationToken cancellationToken)
    {
        Schema schema = input.Schema;
        var parts = new List<Column>[schema.Count];
        for (int c = 0; c < parts.Length; c++)
        {
            parts[c] = [];
        }

        int[] groups = new int[RecordBatch.MaxRows];
        int rows = 0;
        bool hasNullKey = false;
        var keyColumns = new Column[keys.Length];
        long partBytes = 0;
        foreach (RecordBatch batch in input.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = batch.RowCount;
            partBytes += BatchMemory.Of(batch);
            for (int c = 0; c < parts.Length; c++)
            {
                parts[c].Add(batch.Column(c));
            }

            for (int k = 0; k < keys.Length; k++)
            {
                keyColumns[k] = keys[k].Evaluate(batch);
            }

            if (groups.Length < rows + n)
            {
                Array.Resize(ref groups, Math.Max(groups.Length * 2, rows + n));
            }

            mapper.Map(keyColumns, n).CopyTo(groups.AsSpan(rows, n));
            if (!nullsEqual)
            {
                foreach (Column key in keyColumns)
                {
                    if (key.NullCount == 0)
                    {
                        continue;
                    }

                    hasNullKey = true;
                    for (int i = 0; i < n; i++)
                    {
                        if (key.IsNull(i))
                        {
                            groups[rows + i] = -1;
                        }
                    }
                }
            }

            rows += n;
            memory.Resize(partBytes + (4L * groups.Length) + mapper.MemoryBytes);
        }

        // Concatenation copies the parts (which die after it); the chains are eight bytes a row.
        memory.Grow(partBytes + (8L * rows) + (4L * mapper.Table.Count));
        var columns = new Column[parts.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            DataType type = schema[c].Type;
            parts[c].Add(NullColumns.Create(type, 1));
            columns[c] = type == DataType.Utf8 && parts[c][0] is DictionaryColumn ? ConcatDictionary(parts[c], rows + 1) : ColumnFactory.Concat(type, parts[c]);
        }

        int groupCount = mapper.Table.Count;
        var head = new int[groupCount];
        Array.Fill(head, -1);
        var next = new int[rows];

        // Backwards, so each chain lists its rows in input order.
        for (int r = rows - 1; r >= 0; r--)
        {
            int g = groups[r];
            if (g >= 0)
            {
                next[r] = head[g];
                head[g] = r;
            }
        }

        return new BuildSide(columns, rows, head, next, groupCount, hasNullKey);
    }

    /// <summary>
    /// Text parts of a tag column concatenated as one dictionary column (values interned, nothing
    /// allocated per repeated value), so gathered output rows stay dictionary-encoded and a GROUP BY
    /// over them keeps the tag fast path.
    /// </summary>
    private static DictionaryColumn ConcatDictionary(List<Column> parts, int rows)
    {
        var builder = new DictionaryColumnBuilder(rows);
        foreach (Column part in parts)
        {
            for (int i = 0; i < part.Length; i++)
            {
                if (part.IsNull(i))
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(ColumnFactory.Utf8(part, i));
                }
            }
        }

        return (DictionaryColumn)builder.Build();
    }

    /// <summary>A scratch array of at least <paramref name="rows"/> ints for a probe batch.</summary>
    public int[] ProbeScratch(int rows)
    {
        if (_probe.Length < rows)
        {
            _probe = new int[rows];
        }

        return _probe;
    }
}
