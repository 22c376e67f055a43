using System.Text;
using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>The parser's allocation budget: none per line, field or escape once its buffers are warm.</summary>
public sealed class LineAllocationTests
{
    [Fact]
    public void ParsingValidLinesAllocatesNothing()
    {
        var body = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            body.Append("cpu\\ load,host=h").Append(i).Append(",dc=eu\\,west usage=").Append(i).Append(".25,n=").Append(i)
                .Append("i,u=").Append(i).Append("u,ok=t,s=\"a \\\"q\\\" b\" ").Append(1_700_000_000_000_000_000L + i).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(body.ToString());
        var buffers = new LineParserBuffers();
        Assert.Equal(2000, CountLines(bytes, buffers));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int lines = CountLines(bytes, buffers);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, lines);
        Assert.Equal(0, allocated);
    }

    /// <summary>Parses the body and reads every value; returns the number of valid lines.</summary>
    private static int CountLines(byte[] body, LineParserBuffers buffers)
    {
        var reader = new LineProtocolReader(body, buffers, TimestampPrecision.Nanosecond, 0);
        int lines = 0;
        double sink = 0;
        while (reader.Read(out ParsedLine line, out _) is var status && status != LineReadStatus.EndOfInput)
        {
            if (status != LineReadStatus.Line)
            {
                continue;
            }

            lines++;
            sink += line.Measurement.Length + line.TagValue(1).Length + line.FieldDouble(0) + line.FieldInt64(1) + line.FieldUInt64(2) + line.FieldString(4).Length + (line.FieldBoolean(3) ? 1 : 0);
        }

        return sink > 0 ? lines : -1;
    }
}
