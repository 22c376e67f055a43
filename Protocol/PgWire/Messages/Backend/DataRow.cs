using System.Buffers.Binary;
using IOx.Pg.Protocol.PgWire.Columns;

namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>DataRow ('D'): one row, each column as int32 length (-1 = NULL) and the encoded bytes.</summary>
public static class DataRow
{
    /// <summary>Writes row <paramref name="row"/> of the encoded <paramref name="columns"/> in one reserved span.</summary>
    public static void Write(PgWriteBuffer buffer, ReadOnlySpan<EncodedColumn> columns, int row)
    {
        int bodyLength = 4 + 2;
        foreach (EncodedColumn column in columns)
        {
            bodyLength += 4 + Math.Max(column.LengthOf(row), 0);
        }

        Span<byte> span = buffer.GetSpan(1 + bodyLength);
        span[0] = (byte)'D';
        BinaryPrimitives.WriteInt32BigEndian(span[1..], bodyLength);
        BinaryPrimitives.WriteInt16BigEndian(span[5..], (short)columns.Length);
        int pos = 7;
        foreach (EncodedColumn column in columns)
        {
            int length = column.LengthOf(row);
            BinaryPrimitives.WriteInt32BigEndian(span[pos..], length);
            pos += 4;
            if (length > 0)
            {
                column.ValueOf(row).CopyTo(span[pos..]);
                pos += length;
            }
        }

        buffer.Advance(pos);
    }
}
