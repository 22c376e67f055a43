using System.Text;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>Records written by the writer come back from replay, in order, across segments and reopenings.</summary>
public sealed class WalRoundTripTests
{
    [Fact]
    public void EmptyOrMissingDirectoryReplaysNothing()
    {
        using var directory = new TempWalDirectory();
        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Empty(records);
        Assert.Equal(1UL, result.NextSequence);
        Assert.Equal(0, result.Segments);
    }

    [Fact]
    public async Task EveryFieldOfARecordSurvives()
    {
        using var directory = new TempWalDirectory();
        byte[] body = new byte[100_000];
        new Random(7).NextBytes(body);
        using (WalWriter writer = directory.Open())
        {
            await writer.Append("données ✓", 6, 0, -42, body, out _);
        }

        WalRecord record = Assert.Single(directory.Replay().Records);
        Assert.Equal(1UL, record.Sequence);
        Assert.Equal("données ✓", record.Database);
        Assert.Equal(6, record.Precision);
        Assert.Equal(0, record.Flags);
        Assert.Equal(-42, record.ServerTime);
        Assert.Equal(body, record.Body.ToArray());
    }

    [Fact]
    public async Task RecordsComeBackInOrderAcrossSegmentsAndReopenings()
    {
        using var directory = new TempWalDirectory();
        List<string> expected;
        using (WalWriter writer = directory.Open(segmentMaxBytes: 200))
        {
            expected = [];
            for (int i = 0; i < 10; i++)
            {
                // One record per group, so the small segment limit rolls often.
                expected.AddRange(await TempWalDirectory.AppendAsync(writer, 1, i));
            }

            Assert.True(writer.SegmentsCreated > 1, $"{writer.SegmentsCreated} segments");
        }

        (WalReplayResult first, List<WalRecord> records) = directory.Replay();
        Assert.Equal(expected, records.Select(TempWalDirectory.Body));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), records.Select(r => r.Sequence));
        Assert.Equal(11UL, first.NextSequence);
        Assert.Empty(first.Warnings);

        // A second run continues the sequence in a new segment.
        using (WalWriter writer = directory.Open(first.NextSequence, segmentMaxBytes: 200))
        {
            expected.AddRange(await TempWalDirectory.AppendAsync(writer, 3, 10));
        }

        (WalReplayResult second, List<WalRecord> again) = directory.Replay();
        Assert.Equal(expected, again.Select(TempWalDirectory.Body));
        Assert.Equal(14UL, second.NextSequence);
        Assert.Equal(first.Segments + 1, second.Segments);
    }

    [Fact]
    public async Task ASegmentRollsOnlyBetweenGroups()
    {
        using var directory = new TempWalDirectory();
        using (WalWriter writer = directory.Open(segmentMaxBytes: 1))
        {
            await TempWalDirectory.AppendAsync(writer, 1);
            await TempWalDirectory.AppendAsync(writer, 1, 1);
        }

        List<WalSegmentFile> segments = directory.Segments();
        Assert.Equal([1UL, 2UL], segments.Select(s => s.FirstSequence));
        Assert.Equal(2, directory.Replay().Records.Count);
    }

    [Fact]
    public async Task RemoveSegmentsBeforeDeletesOnlyFullyCoveredSegments()
    {
        using var directory = new TempWalDirectory();
        using WalWriter writer = directory.Open(segmentMaxBytes: 1);
        for (int i = 0; i < 5; i++)
        {
            await TempWalDirectory.AppendAsync(writer, 1, i);
        }

        // Segments start at 1..5, one record each.
        Assert.Equal(5, directory.Segments().Count);
        Assert.Equal(0, writer.RemoveSegmentsBefore(1));
        Assert.Equal(0, writer.RemoveSegmentsBefore(2 - 1));

        // Records 1 and 2 are covered: their segments go, the one holding 3 stays.
        Assert.Equal(2, writer.RemoveSegmentsBefore(3));
        Assert.Equal([3UL, 4UL, 5UL], directory.Segments().Select(s => s.FirstSequence));

        // The newest segment (being appended to) is never removed, whatever the bound.
        Assert.Equal(2, writer.RemoveSegmentsBefore(ulong.MaxValue));
        Assert.Equal([5UL], directory.Segments().Select(s => s.FirstSequence));

        await TempWalDirectory.AppendAsync(writer, 1, 5);
        writer.Dispose();
        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal([5UL, 6UL], records.Select(r => r.Sequence));
        Assert.Equal(7UL, result.NextSequence);
    }

    [Fact]
    public async Task AppendAfterDisposeFails()
    {
        using var directory = new TempWalDirectory();
        WalWriter writer = directory.Open();
        await TempWalDirectory.AppendAsync(writer, 1);
        writer.Dispose();
        Task late = writer.Append("db", 0, 0, 0, Encoding.UTF8.GetBytes("m v=1 1"), out _);
        await Assert.ThrowsAsync<WalFailedException>(() => late);
        Assert.Single(directory.Replay().Records);
    }

    [Fact]
    public async Task AWriteFailureFailsTheWaitersAndEveryLaterAppend()
    {
        using var directory = new TempWalDirectory();
        WalWriter writer = directory.Open();
        // Make the directory unusable for the first segment: a file where the segment must be created.
        Directory.CreateDirectory(directory.Path);
        Directory.CreateDirectory(Path.Combine(directory.Path, WalSegmentFile.FileName(1)));
        Task first = writer.Append("db", 0, 0, 0, "m v=1 1"u8, out _);
        await Assert.ThrowsAsync<WalFailedException>(() => first);
        Task later = writer.Append("db", 0, 0, 0, "m v=2 2"u8, out _);
        await Assert.ThrowsAsync<WalFailedException>(() => later);
        writer.Dispose();
    }
}
