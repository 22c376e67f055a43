using System.Buffers.Binary;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>
/// Encodes record columns as PostgreSQL's record_out / record_send do. Each field's values for the
/// whole run of rows are encoded first, in one call of that field type's own encoder (one loop per
/// child column), then each row is framed around its fields: text <c>(23.5,"2022-01-01 08:00:00+00")</c>
/// (a field is double-quoted when empty or holding a quote, backslash, parenthesis, comma or white
/// space, with quotes and backslashes doubled inside; a NULL field is empty), binary int32 field
/// count, then per field its type OID, int32 length (-1 for NULL) and bytes.
/// </summary>
internal static class StructColumnEncoder
{
    /// <summary>
    /// Per-thread free scratch columns for encoded fields. A call rents one per field and returns them
    /// when done; a nested record rents more while its parent holds its own, so no call sees another's
    /// scratch. Steady state allocates nothing.
    /// </summary>
    [ThreadStatic]
    private static Stack<EncodedColumn>? t_free;

    /// <summary>Encodes rows [start, start + count) of <paramref name="column"/>.</summary>
    public static void Encode(StructColumn column, PgFormat format, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits)
    {
        int n = column.Children.Count;
        Stack<EncodedColumn> free = t_free ??= new Stack<EncodedColumn>();
        EncodedColumn[] fields = n == 0 ? [] : new EncodedColumn[n];
        Span<int> oids = n <= 32 ? stackalloc int[n] : new int[n];
        try
        {
            for (int k = 0; k < n; k++)
            {
                Column child = column.Children[k];
                oids[k] = OidOf(child);
                fields[k] = free.Count > 0 ? free.Pop() : new EncodedColumn();
                ColumnEncoder.Encode(child, format, oids[k], zone, start, count, fields[k], extraFloatDigits);
            }

            for (int i = 0; i < count; i++)
            {
                if (column.IsNull(start + i))
                {
                    output.AppendNull();
                }
                else if (format == PgFormat.Binary)
                {
                    AppendBinary(fields, oids, i, output);
                }
                else
                {
                    AppendText(fields, i, output);
                }
            }
        }
        finally
        {
            foreach (EncodedColumn? field in fields)
            {
                if (field is not null)
                {
                    free.Push(field);
                }
            }
        }
    }

    /// <summary>The OID a field of this column's type is sent as: arrays by element type, records as record.</summary>
    private static int OidOf(Column child) => child switch
    {
        ListColumn list => PgTypeInfo.ArrayOidOf(list.ElementType),
        _ => PgTypeInfo.OidOf(child.Type),
    };

    /// <summary>record_send of row <paramref name="row"/>.</summary>
    private static void AppendBinary(EncodedColumn[] fields, ReadOnlySpan<int> oids, int row, EncodedColumn output)
    {
        int size = 4;
        foreach (EncodedColumn field in fields)
        {
            size += 8 + Math.Max(field.LengthOf(row), 0);
        }

        Span<byte> span = output.GetSpan(size);
        BinaryPrimitives.WriteInt32BigEndian(span, fields.Length);
        int at = 4;
        for (int k = 0; k < fields.Length; k++)
        {
            int length = fields[k].LengthOf(row);
            BinaryPrimitives.WriteInt32BigEndian(span[at..], oids[k]);
            BinaryPrimitives.WriteInt32BigEndian(span[(at + 4)..], length);
            at += 8;
            if (length > 0)
            {
                fields[k].ValueOf(row).CopyTo(span[at..]);
                at += length;
            }
        }

        output.Commit(at);
    }

    /// <summary>record_out of row <paramref name="row"/>.</summary>
    private static void AppendText(EncodedColumn[] fields, int row, EncodedColumn output)
    {
        // Worst case every byte doubled, plus quotes and a separator per field, plus the parentheses.
        int size = 2;
        foreach (EncodedColumn field in fields)
        {
            size += 3 + (2 * Math.Max(field.LengthOf(row), 0));
        }

        Span<byte> span = output.GetSpan(size);
        int at = 0;
        span[at++] = (byte)'(';
        for (int k = 0; k < fields.Length; k++)
        {
            if (k > 0)
            {
                span[at++] = (byte)',';
            }

            if (fields[k].LengthOf(row) < 0)
            {
                continue;
            }

            ReadOnlySpan<byte> value = fields[k].ValueOf(row);
            if (!NeedsQuotes(value))
            {
                value.CopyTo(span[at..]);
                at += value.Length;
                continue;
            }

            span[at++] = (byte)'"';
            foreach (byte b in value)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    span[at++] = b;
                }

                span[at++] = b;
            }

            span[at++] = (byte)'"';
        }

        span[at++] = (byte)')';
        output.Commit(at);
    }

    /// <summary>record_out's rule: empty, or holding a quote, backslash, parenthesis, comma or (C locale) white space.</summary>
    private static bool NeedsQuotes(ReadOnlySpan<byte> value) => value.Length == 0 || value.IndexOfAny("\"\\(), \t\n\r\v\f"u8) >= 0;
}
