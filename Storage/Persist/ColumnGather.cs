using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Persist;

/// <summary>
/// Builds one column from rows picked out of several batches: row <c>g</c> of the kernel's input
/// is row <c>rowIn[g]</c> of batch <c>batchOf[g]</c>; a source of -1, a batch lacking the column,
/// or a null there gives null. Fixed-width types copy values straight into the output array.
/// </summary>
internal static class ColumnGather
{
    /// <summary>The gathered column of type <paramref name="type"/>.</summary>
    public static Column Gather(DataType type, Column?[][] columns, int column, ReadOnlySpan<int> sources, int[] batchOf, int[] rowIn) => type switch
    {
        DataType.Int64 or DataType.Timestamp or DataType.TimestampNoTz => GatherPrimitive<long>(type, columns, column, sources, batchOf, rowIn),
        DataType.Float64 => GatherPrimitive<double>(type, columns, column, sources, batchOf, rowIn),
        DataType.UInt64 => GatherPrimitive<ulong>(type, columns, column, sources, batchOf, rowIn),
        DataType.Int32 or DataType.Date => GatherPrimitive<int>(type, columns, column, sources, batchOf, rowIn),
        DataType.Int16 => GatherPrimitive<short>(type, columns, column, sources, batchOf, rowIn),
        DataType.Float32 => GatherPrimitive<float>(type, columns, column, sources, batchOf, rowIn),
        DataType.Numeric => GatherPrimitive<decimal>(type, columns, column, sources, batchOf, rowIn),
        DataType.Interval => GatherPrimitive<Interval>(type, columns, column, sources, batchOf, rowIn),
        DataType.Boolean => GatherBoolean(columns, column, sources, batchOf, rowIn),
        DataType.Utf8 => GatherText(columns, column, sources, batchOf, rowIn),
        _ => throw new NotSupportedException($"cannot gather a {type} column"),
    };

    /// <summary>Fixed-width values.</summary>
    private static PrimitiveColumn<T> GatherPrimitive<T>(DataType type, Column?[][] columns, int column, ReadOnlySpan<int> sources, int[] batchOf, int[] rowIn)
        where T : unmanaged
    {
        var values = new T[sources.Length];
        byte[]? validity = null;
        int nulls = 0;
        for (int i = 0; i < sources.Length; i++)
        {
            int g = sources[i];
            if (g >= 0 && columns[batchOf[g]][column] is PrimitiveColumn<T> source && source.IsValid(rowIn[g]))
            {
                values[i] = source.Values[rowIn[g]];
                continue;
            }

            validity ??= DedupKernel.AllValid(sources.Length);
            BitUtil.Clear(validity, i);
            nulls++;
        }

        return new PrimitiveColumn<T>(type, values, sources.Length, validity, nulls);
    }

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
