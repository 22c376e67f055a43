using System.Buffers.Binary;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>
/// Encodes array columns as PostgreSQL's array_out / array_send do. The elements of the whole run
/// of rows are encoded first, in one call of the element type's own encoder (one loop over the
/// child column), then each row is framed around its range of encoded elements: text
/// <c>{a,"b c",NULL}</c> (int2vector and oidvector: space-separated, no braces), binary
/// ndim, has-null flag, element OID, then per dimension (length, lower bound: 1, or 0 for the vector types), then each element
/// as int32 length (-1 for NULL) and bytes. An empty array has zero dimensions (a vector type keeps one).
/// </summary>
internal static class ListColumnEncoder
{
    /// <summary>Per-thread scratch for the encoded elements; used only inside one <see cref="Encode"/> call.</summary>
    [ThreadStatic]
    private static EncodedColumn? t_elements;

    /// <summary>Encodes rows [start, start + count) of <paramref name="column"/> described as array type <paramref name="typeOid"/>.</summary>
    public static void Encode(ListColumn column, PgFormat format, int typeOid, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits = 1)
    {
        int elementOid = PgTypeInfo.ElementOidOf(typeOid);
        if (elementOid == 0)
        {
            elementOid = PgTypeInfo.OidOf(column.ElementType);
            typeOid = PgTypeInfo.ArrayOidOf(column.ElementType);
        }

        int first = column.StartOf(start);
        int last = column.StartOf(start + count);
        EncodedColumn elements = t_elements ??= new EncodedColumn();
        ColumnEncoder.Encode(column.Values, format, elementOid, zone, first, last - first, elements, extraFloatDigits);
        bool vector = typeOid is PgTypeOid.Int2Vector or PgTypeOid.OidVector;
        for (int row = start; row < start + count; row++)
        {
            if (column.IsNull(row))
            {
                output.AppendNull();
                continue;
            }

            int from = column.StartOf(row) - first;
            int n = column.CountOf(row);
            if (format == PgFormat.Binary)
            {
                AppendBinary(elements, from, n, elementOid, column.LowerBound, vector, output);
            }
            else if (vector)
            {
                AppendVectorText(elements, from, n, output);
            }
            else
            {
                AppendText(elements, from, n, output);
            }
        }
    }

    /// <summary>array_send of one row.</summary>
    private static void AppendBinary(EncodedColumn elements, int from, int n, int elementOid, int lowerBound, bool vector, EncodedColumn output)
    {
        // An empty array has no dimensions, but an empty int2vector/oidvector keeps its one (of length 0).
        bool dimension = n > 0 || vector;
        int size = dimension ? 20 : 12;
        bool hasNull = false;
        for (int k = from; k < from + n; k++)
        {
            int length = elements.LengthOf(k);
            hasNull |= length < 0;
            size += 4 + Math.Max(length, 0);
        }

        Span<byte> span = output.GetSpan(size);
        BinaryPrimitives.WriteInt32BigEndian(span, dimension ? 1 : 0);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], hasNull ? 1 : 0);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], elementOid);
        int at = 12;
        if (dimension)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[12..], n);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], lowerBound);
            at = 20;
        }

        for (int k = from; k < from + n; k++)
        {
            int length = elements.LengthOf(k);
            BinaryPrimitives.WriteInt32BigEndian(span[at..], length);
            at += 4;
            if (length > 0)
            {
                elements.ValueOf(k).CopyTo(span[at..]);
                at += length;
            }
        }

        output.Commit(at);
    }

    /// <summary>array_out of one row: elements quoted where array_in would otherwise misread them.</summary>
    private static void AppendText(EncodedColumn elements, int from, int n, EncodedColumn output)
    {
        // Worst case every byte is escaped, plus quotes and a comma per element.
        int size = 2;
        for (int k = from; k < from + n; k++)
        {
            size += 3 + (2 * Math.Max(elements.LengthOf(k), 4));
        }

        Span<byte> span = output.GetSpan(size);
        int at = 0;
        span[at++] = (byte)'{';
        for (int k = from; k < from + n; k++)
        {
            if (k > from)
            {
                span[at++] = (byte)',';
            }

            if (elements.LengthOf(k) < 0)
            {
                "NULL"u8.CopyTo(span[at..]);
                at += 4;
                continue;
            }

            ReadOnlySpan<byte> value = elements.ValueOf(k);
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
                    span[at++] = (byte)'\\';
                }

                span[at++] = b;
            }

            span[at++] = (byte)'"';
        }

        span[at++] = (byte)'}';
        output.Commit(at);
    }

    /// <summary>int2vectorout / oidvectorout: the elements separated by single spaces.</summary>
    private static void AppendVectorText(EncodedColumn elements, int from, int n, EncodedColumn output)
    {
        int size = 0;
        for (int k = from; k < from + n; k++)
        {
            size += 1 + Math.Max(elements.LengthOf(k), 0);
        }

        Span<byte> span = output.GetSpan(size);
        int at = 0;
        for (int k = from; k < from + n; k++)
        {
            if (k > from)
            {
                span[at++] = (byte)' ';
            }

            ReadOnlySpan<byte> value = elements.ValueOf(k);
            value.CopyTo(span[at..]);
            at += value.Length;
        }

        output.Commit(at);
    }

    /// <summary>array_out's rule: empty, NULL in any case, or holding a quote, backslash, brace, comma or white space.</summary>
    private static bool NeedsQuotes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0 || (value.Length == 4 && System.Text.Ascii.EqualsIgnoreCase(value, "NULL"u8)))
        {
            return true;
        }

        return value.IndexOfAny("\"\\{},  \t\n\r\v\f"u8) >= 0;
    }
}
