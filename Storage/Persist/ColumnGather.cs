using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// Builds one column from rows picked out of several batches: row <c>g</c> of the kernel's input
/// is row <c>rowIn[g]</c> of batch <c>batchOf[g]</c>; a source of -1, a batch lacking the column,
/// or a null there gives null. Fixed-width columns are first concatenated over all batches (one
/// sequential copy), so the gather in sorted order is one random read per value instead of a chain
/// of lookups; the concatenation is kept by the caller across output chunks.
/// </summary>
internal static class ColumnGather
{
    /// <summary>The gathered column of type <paramref name="type"/>.</summary>
    public static Column Gather(DataType type, Column?[][] columns, int column, ReadOnlySpan<int> sources, int[] batchOf, int[] rowIn, ref object? concatenated) => type switch
    {
        DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz => GatherPrimitive<long>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Float64 => GatherPrimitive<double>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.UInt64 => GatherPrimitive<ulong>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Int32 or DataType.Date => GatherPrimitive<int>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Int16 => GatherPrimitive<short>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Float32 => GatherPrimitive<float>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Numeric => GatherPrimitive<decimal>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Interval => GatherPrimitive<Interval>(type, columns, column, sources, batchOf.Length, ref concatenated),
        DataType.Boolean => GatherBoolean(columns, column, sources, batchOf, rowIn),
        DataType.Utf8 => GatherText(columns, column, sources, batchOf, rowIn),
        _ => throw new NotSupportedException($"cannot gather a {type} column"),
    };

    /// <summary>Fixed-width values, gathered from the column concatenated over all batches.</summary>
    private static PrimitiveColumn<T> GatherPrimitive<T>(DataType type, Column?[][] columns, int column, ReadOnlySpan<int> sources, int rows, ref object? concatenated)
        where T : unmanaged
    {
        concatenated ??= Concatenate<T>(columns, column, rows);
        var all = (Concatenated<T>)concatenated;
        T[] source = all.Values;
        byte[]? sourceValid = all.Validity;
        var values = new T[sources.Length];
        byte[]? validity = null;
        int nulls = 0;
        for (int i = 0; i < sources.Length; i++)
        {
            int g = sources[i];
            if (g >= 0 && (sourceValid is null || BitUtil.Get(sourceValid, g)))
            {
                values[i] = source[g];
                continue;
            }

            validity ??= DedupKernel.AllValid(sources.Length);
            BitUtil.Clear(validity, i);
            nulls++;
        }

        return new PrimitiveColumn<T>(type, values, sources.Length, validity, nulls);
    }

    /// <summary>A column's values over all batches, in input order, with a validity bitmap only when some are null.</summary>
    private static Concatenated<T> Concatenate<T>(Column?[][] columns, int column, int rows)
        where T : unmanaged
    {
        var values = new T[rows];
        byte[]? validity = null;
        int offset = 0;
        foreach (Column?[] batch in columns)
        {
            Column? c = batch[column];
            int length = c?.Length ?? RowsOf(batch);
            if (c is PrimitiveColumn<T> p)
            {
                p.Values.CopyTo(values.AsSpan(offset));
            }

            if (c is null || c.NullCount > 0)
            {
                validity ??= DedupKernel.AllValid(rows);
                for (int r = 0; r < length; r++)
                {
                    if (c is null || c.IsNull(r))
                    {
                        BitUtil.Clear(validity, offset + r);
                    }
                }
            }

            offset += length;
        }

        return new Concatenated<T>(values, validity);
    }

    /// <summary>Rows of a batch (its time column, which every batch has, gives the length).</summary>
    private static int RowsOf(Column?[] batch)
    {
        foreach (Column? c in batch)
        {
            if (c is not null)
            {
                return c.Length;
            }
        }

        throw new InvalidOperationException("a batch without columns");
    }

    /// <summary>A concatenated column.</summary>
    private sealed record Concatenated<T>(T[] Values, byte[]? Validity);

    /// <summary>Booleans.</summary>
    private static Column GatherBoolean(Column?[][] columns, int column, ReadOnlySpan<int> sources, int[] batchOf, int[] rowIn)
    {
        var builder = new BooleanColumnBuilder(sources.Length);
        for (int i = 0; i < sources.Length; i++)
        {
            int g = sources[i];
            if (g >= 0 && columns[batchOf[g]][column] is BooleanColumn source && source.IsValid(rowIn[g]))
            {
                builder.Append(source.GetValue(rowIn[g]));
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    /// <summary>Text fields (plain or dictionary-encoded sources), as plain text.</summary>
    private static Column GatherText(Column?[][] columns, int column, ReadOnlySpan<int> sources, int[] batchOf, int[] rowIn)
    {
        var builder = new StringColumnBuilder(sources.Length);
        for (int i = 0; i < sources.Length; i++)
        {
            int g = sources[i];
            Column? source = g >= 0 ? columns[batchOf[g]][column] : null;
            if (source is not null && source.IsValid(rowIn[g]))
            {
                switch (source)
                {
                    case StringColumn s:
                        builder.Append(s.GetBytes(rowIn[g]));
                        continue;
                    case DictionaryColumn d:
                        builder.Append(d.GetBytes(rowIn[g]));
                        continue;
                }
            }

            builder.AppendNull();
        }

        return builder.Build();
    }
}
