using System.Buffers.Text;

namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>CommandComplete ('C'): the command tag, e.g. "SELECT 5" or "SET".</summary>
public static class CommandComplete
{
    /// <summary>Writes <paramref name="tag"/>, followed by " <paramref name="rowCount"/>" when <paramref name="appendRowCount"/>.</summary>
    public static void Write(PgWriteBuffer buffer, string tag, bool appendRowCount, long rowCount)
    {
        buffer.StartMessage((byte)'C');
        buffer.WriteString(tag);
        if (appendRowCount)
        {
            buffer.WriteByte((byte)' ');
            Span<byte> span = buffer.GetSpan(20);
            Utf8Formatter.TryFormat(rowCount, span, out int written);
            buffer.Advance(written);
        }

        buffer.WriteByte(0);
        buffer.EndMessage();
    }
}
