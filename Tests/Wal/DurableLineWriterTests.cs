using System.Text;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Wal;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Tests.Wal;

/// <summary>The write path with its log: replay rebuilds exactly what was acknowledged, in the same order.</summary>
public sealed class DurableLineWriterTests
{
    /// <summary>Replays <paramref name="directory"/> into a new buffer.</summary>
    private static WriteBuffer Replay(TempWalDirectory directory, out WalReplayResult result)
    {
        var buffer = new WriteBuffer();
        var buffers = new LineParserBuffers();
        result = WalReplayer.Replay(directory.Path, recover: false, (in WalRecord record) => DurableLineWriter.Replay(buffer, in record, buffers, directory.Path));
        return buffer;
    }

    [Fact]
    public async Task ConcurrentConflictingWritesReplayToTheSameAcceptedAndRejectedLines()
    {
        const int Requests = 200;
        using var directory = new TempWalDirectory();
        var live = new WriteBuffer();
        int[] written = new int[Requests];
        using (WalWriter wal = directory.Open())
        {
            var writer = new DurableLineWriter(live, wal);
            var tasks = new Task[Requests];
            Parallel.For(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                // Requests disagree on the type of "v" (and of a per-request new column), so which are
                // accepted depends on the order in which they reach the table.
                string type = i % 2 == 0 ? $"{i}i" : $"{i}.5";
                string newColumn = i % 3 == 0 ? $"c{i % 7}=\"s\"" : $"c{i % 7}={i}i";
                string body = $"m,r={i} v={type} {i}\nm,r={i} {newColumn} {i + 1_000_000}\nother,r={i} x={i}u\n";
                var options = new LineWriteOptions(i % 4 == 0 ? TimestampPrecision.Millisecond : TimestampPrecision.Nanosecond, 5_000_000_000 + i);
                LineWriteResult result = writer.Write("db", Encoding.UTF8.GetBytes(body), options, new LineParserBuffers(), out Task durable);
                written[i] = result.LinesWritten;
                tasks[i] = durable;
            });
            await Task.WhenAll(tasks);
        }

        WriteBuffer replayed = Replay(directory, out WalReplayResult replay);
        Assert.Empty(replay.Warnings);
        Assert.Equal(BufferDump.Of(live), BufferDump.Of(replayed));

        // Some requests were refused in part, and every request stored at least the "other" line.
        Assert.Contains(written, w => w < 3);
        Assert.All(written, w => Assert.True(w >= 1));
    }

    [Fact]
    public async Task LinesWithoutTimestampsKeepTheServerTimeOfTheirRequest()
    {
        using var directory = new TempWalDirectory();
        var live = new WriteBuffer();
        using (WalWriter wal = directory.Open())
        {
            var writer = new DurableLineWriter(live, wal);
            writer.Write("db", "m v=1\nm v=2 5\n"u8, new LineWriteOptions(TimestampPrecision.Second, 1_700_000_000_123_456_789), new LineParserBuffers(), out Task first);
            writer.Write("db", "m v=3\n"u8, new LineWriteOptions(TimestampPrecision.Auto, 1_800_000_000_000_000_001), new LineParserBuffers(), out Task second);
            await Task.WhenAll(first, second);
        }

        WriteBuffer replayed = Replay(directory, out _);
        Assert.True(replayed.TryGetDatabase("db", out DatabaseBuffer? db));
        Assert.True(db.TryGetTable("m", out TableBuffer? table));
        Assert.Equal([1_700_000_000_123_456_789L, 5_000_000_000L, 1_800_000_000_000_000_001L], LineProtocol.StoredValues.Column(table, "time"));
        Assert.Equal(BufferDump.Of(live), BufferDump.Of(replayed));
    }

    [Fact]
    public async Task RequestsThatChangeNothingAreNotLogged()
    {
        using var directory = new TempWalDirectory();
        var live = new WriteBuffer();
        using (WalWriter wal = directory.Open())
        {
            var writer = new DurableLineWriter(live, wal);
            var options = new LineWriteOptions(TimestampPrecision.Nanosecond, 1);
            writer.Write("db", "m v=1i 1"u8, options, new LineParserBuffers(), out Task stored);
            await stored;
            Assert.Equal(2UL, wal.NextSequence);

            // Every line rejected in an existing database: nothing to log, acknowledged at once.
            LineWriteResult rejected = writer.Write("db", "m v=1.5 2\nbad line"u8, options, new LineParserBuffers(), out Task none);
            Assert.Equal(0, rejected.LinesWritten);
            Assert.True(none.IsCompletedSuccessfully);
            Assert.Equal(2UL, wal.NextSequence);

            // All-or-nothing mode with a bad line stores nothing either.
            writer.Write("db", "m v=2i 3\nm v=oops 4"u8, options with { AcceptPartial = false }, new LineParserBuffers(), out Task noneEither);
            Assert.True(noneEither.IsCompletedSuccessfully);
            Assert.Equal(2UL, wal.NextSequence);

            // A request that only creates its database is logged, so the database survives too.
            writer.Write("fresh", "bad line"u8, options, new LineParserBuffers(), out Task created);
            await created;
            Assert.Equal(3UL, wal.NextSequence);
        }

        WriteBuffer replayed = Replay(directory, out WalReplayResult result);
        Assert.Equal(2, result.Records);
        Assert.Equal(BufferDump.Of(live), BufferDump.Of(replayed));
    }
}
