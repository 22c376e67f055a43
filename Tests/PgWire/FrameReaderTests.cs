using System.Buffers;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Framing: complete frames are found, incomplete ones wait, impossible lengths are errors.</summary>
public sealed class FrameReaderTests
{
    [Fact]
    public void MessageArrivingByteByByteIsFoundOnlyWhenComplete()
    {
        byte[] wire = FrontendWire.Query("SELECT 1");
        for (int length = 0; length < wire.Length; length++)
        {
            Assert.False(PgFrameReader.TryReadMessage(new ReadOnlySequence<byte>(wire, 0, length), out _));
        }

        Assert.True(PgFrameReader.TryReadMessage(new ReadOnlySequence<byte>(wire), out PgFrame frame));
        Assert.Equal((byte)'Q', frame.Code);
        Assert.Equal(wire.Length, frame.FrameLength);
        byte[] scratch = [];
        Assert.Equal("SELECT 1", QueryMessage.Parse(frame.GetBodySpan(ref scratch)).Sql);
    }

    [Fact]
    public void FramesSpreadOverOneByteSegmentsAreReassembled()
    {
        byte[] wire = [.. FrontendWire.Query("SELECT 'héllo'"), .. FrontendWire.Sync(), .. FrontendWire.Query("x")];
        for (int prefix = 0; prefix <= wire.Length; prefix++)
        {
            ReadOnlySequence<byte> buffer = Segments.OneBytePerSegment(wire.AsSpan(0, prefix).ToArray());
            var codes = new List<byte>();
            byte[] scratch = new byte[1];
            while (PgFrameReader.TryReadMessage(buffer, out PgFrame frame))
            {
                codes.Add(frame.Code);
                if (frame.Code == (byte)'Q' && codes.Count == 1)
                {
                    Assert.Equal("SELECT 'héllo'", QueryMessage.Parse(frame.GetBodySpan(ref scratch)).Sql);
                }

                buffer = buffer.Slice(frame.FrameLength);
            }

            int complete = prefix >= wire.Length ? 3 : prefix >= FrontendWire.Query("SELECT 'héllo'").Length + 5 ? 2 : prefix >= FrontendWire.Query("SELECT 'héllo'").Length ? 1 : 0;
            Assert.Equal(complete, codes.Count);
        }
    }

    [Fact]
    public void StartupPacketArrivingByteByByte()
    {
        byte[] wire = FrontendWire.Startup(("user", "alice"), ("database", "db1"));
        for (int length = 0; length < wire.Length; length++)
        {
            Assert.False(PgFrameReader.TryReadStartupPacket(new ReadOnlySequence<byte>(wire, 0, length), out _));
        }

        Assert.True(PgFrameReader.TryReadStartupPacket(Segments.OneBytePerSegment(wire), out PgFrame frame));
        byte[] body = frame.Body.ToArray();
        Assert.Equal(StartupPacketKind.Startup, StartupPacket.Classify(body));
        StartupMessage startup = StartupMessage.Parse(body);
        Assert.Equal("alice", startup.Get("user"));
        Assert.Equal("db1", startup.Get("database"));
        Assert.Equal(StartupPacket.Protocol30, startup.ProtocolVersion);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(0x4000_0000)]
    public void ImpossibleMessageLengthIsAProtocolViolation(int length)
    {
        byte[] wire = [(byte)'Q', (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        Assert.Throws<PgProtocolException>(() => PgFrameReader.TryReadMessage(new ReadOnlySequence<byte>(wire), out _));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10001)]
    public void ImpossibleStartupLengthIsAProtocolViolation(int length)
    {
        byte[] wire = [(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        Assert.Throws<PgProtocolException>(() => PgFrameReader.TryReadStartupPacket(new ReadOnlySequence<byte>(wire), out _));
    }
}
