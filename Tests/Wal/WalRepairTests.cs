using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>
/// Damage at replay: a torn tail of the last segment is cut off and replay goes on; anything else
/// stops replay with the segment and offset named, unless recovery is asked for.
/// </summary>
public sealed class WalRepairTests
{
    /// <summary>Writes <paramref name="records"/> records, one group each, into segments of at most <paramref name="segmentMaxBytes"/>.</summary>
    private static async Task WriteAsync(TempWalDirectory directory, int records, long segmentMaxBytes = WalOptions.DefaultSegmentMaxBytes)
    {
        using WalWriter writer = directory.Open(segmentMaxBytes: segmentMaxBytes);
        for (int i = 0; i < records; i++)
        {
            await TempWalDirectory.AppendAsync(writer, 1, i);
        }
    }

    /// <summary>Byte offsets of each record frame in a segment (walking the length fields).</summary>
    private static List<int> FrameOffsets(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var offsets = new List<int>();
        for (int offset = WalFormat.HeaderSize; offset < bytes.Length; offset += WalFormat.FrameHeaderSize + BitConverter.ToInt32(bytes, offset))
        {
            offsets.Add(offset);
        }

        return offsets;
    }

    [Fact]
    public async Task ARecordCutShortAtTheEndIsCutOff()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 5);
        string path = directory.Segments()[0].Path;
        int last = FrameOffsets(path)[^1];
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal(4, records.Count);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(path, warning);
        Assert.Contains($"byte offset {last}", warning);
        Assert.Equal(last, new FileInfo(path).Length);
        Assert.Equal(5UL, result.NextSequence);

        // Repaired for good: the next replay is clean, and appending goes on after it.
        (WalReplayResult again, List<WalRecord> same) = directory.Replay();
        Assert.Empty(again.Warnings);
        Assert.Equal(4, same.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task ATornFrameHeaderAtTheEndIsCutOff(int bytesOfTheLastFrameLeft)
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 3);
        string path = directory.Segments()[0].Path;
        int last = FrameOffsets(path)[^1];
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(last + bytesOfTheLastFrameLeft);
        }

        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal(2, records.Count);
        Assert.Single(result.Warnings);
        Assert.Equal(last, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ABadChecksumOnTheLastRecordIsCutOff()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 5);
        string path = directory.Segments()[0].Path;
        int last = FrameOffsets(path)[^1];
        Flip(path, last + 4);

        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal(4, records.Count);
        Assert.Contains("checksum mismatch", Assert.Single(result.Warnings));
        Assert.Equal(last, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ZerosAfterTheLastRecordAreCutOff()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 2);
        string path = directory.Segments()[0].Path;
        long length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            // What a crash can leave when the size was extended but the data never written.
            stream.SetLength(length + 4096);
        }

        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal(2, records.Count);
        Assert.Single(result.Warnings);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ALastSegmentWithATornHeaderIsRemoved()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 2);
        string torn = Path.Combine(directory.Path, WalSegmentFile.FileName(3));
        File.WriteAllBytes(torn, new byte[10]);

        (WalReplayResult result, List<WalRecord> records) = directory.Replay();
        Assert.Equal(2, records.Count);
        Assert.Contains("torn header", Assert.Single(result.Warnings));
        Assert.False(File.Exists(torn));
        Assert.Equal(4UL, result.NextSequence);
    }

    [Fact]
    public async Task DamageFollowedByValidRecordsStopsReplayNamingSegmentAndOffset()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 5);
        string path = directory.Segments()[0].Path;
        int third = FrameOffsets(path)[2];
        Flip(path, third + WalFormat.FrameHeaderSize + 30);
        long length = new FileInfo(path).Length;

        var records = new List<WalRecord>();
        WalCorruptException error = Assert.Throws<WalCorruptException>(() => WalReplayer.Replay(directory.Path, recover: false, (in WalRecord r) => records.Add(r)));
        Assert.Equal(path, error.SegmentPath);
        Assert.Equal(third, error.Offset);
        Assert.Contains(path, error.Message);
        Assert.Contains($"byte offset {third}", error.Message);
        Assert.Contains("--wal-recover", error.Message);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ACorruptLengthFollowedByValidRecordsIsNotATornTail()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 5);
        string path = directory.Segments()[0].Path;
        int second = FrameOffsets(path)[1];
        Flip(path, second + 3, 0x7F);

        WalCorruptException error = Assert.Throws<WalCorruptException>(() => directory.Replay());
        Assert.Equal(second, error.Offset);
    }

    [Fact]
    public async Task RecoverySkipsTheRestOfTheDamagedSegmentAndKeepsACopy()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 5);
        string path = directory.Segments()[0].Path;
        byte[] original = File.ReadAllBytes(path);
        int third = FrameOffsets(path)[2];
        Flip(path, third + WalFormat.FrameHeaderSize + 30);

        (WalReplayResult result, List<WalRecord> records) = directory.Replay(recover: true);
        Assert.Equal([1UL, 2UL], records.Select(r => r.Sequence));
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(path, warning);
        Assert.Contains($"byte offset {third}", warning);
        Assert.Equal(original.Length, new FileInfo(path + ".corrupt").Length);
        Assert.Equal(3UL, result.NextSequence);

        // The repaired log starts without the flag.
        (WalReplayResult again, List<WalRecord> same) = directory.Replay();
        Assert.Empty(again.Warnings);
        Assert.Equal([1UL, 2UL], same.Select(r => r.Sequence));
    }

    [Fact]
    public async Task DamageInAnEarlierSegmentIsCorruptionEvenAtItsEnd()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 4, segmentMaxBytes: 1);
        List<WalSegmentFile> segments = directory.Segments();
        Assert.Equal(4, segments.Count);
        string second = segments[1].Path;
        int offset = FrameOffsets(second)[^1];
        using (var stream = new FileStream(second, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1);
        }

        WalCorruptException error = Assert.Throws<WalCorruptException>(() => directory.Replay());
        Assert.Equal(second, error.SegmentPath);
        Assert.Equal(offset, error.Offset);

        (WalReplayResult result, List<WalRecord> records) = directory.Replay(recover: true);
        Assert.Equal([1UL, 3UL, 4UL], records.Select(r => r.Sequence));
        Assert.Single(result.Warnings);
        Assert.Equal(5UL, result.NextSequence);
    }

    [Fact]
    public async Task ABadHeaderIsCorruption()
    {
        using var directory = new TempWalDirectory();
        await WriteAsync(directory, 2);
        string path = directory.Segments()[0].Path;
        Flip(path, 2);

        WalCorruptException error = Assert.Throws<WalCorruptException>(() => directory.Replay());
        Assert.Equal(0, error.Offset);
        Assert.Contains("bad magic", error.Message);

        (WalReplayResult result, List<WalRecord> records) = directory.Replay(recover: true);
        Assert.Empty(records);
        Assert.Single(result.Warnings);
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + ".corrupt"));
    }

    /// <summary>XORs one byte of a file.</summary>
    private static void Flip(string path, long offset, byte mask = 0xFF)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.Position = offset;
        int value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ mask));
    }
}
