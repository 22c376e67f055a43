using System.Text;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>A fresh WAL directory under the temp directory, removed at the end; helpers to write and replay records.</summary>
internal sealed class TempWalDirectory : IDisposable
{
    /// <summary>Creates the directory name (the writer creates the directory itself).</summary>
    public TempWalDirectory() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ioxpg-wal-" + Guid.NewGuid().ToString("N"), "wal");

    /// <summary>The WAL directory.</summary>
    public string Path { get; }

    /// <summary>Options for this directory.</summary>
    public WalOptions Options(long segmentMaxBytes = WalOptions.DefaultSegmentMaxBytes) => new() { Directory = Path, SegmentMaxBytes = segmentMaxBytes };

    /// <summary>Opens a writer whose first record gets <paramref name="next"/>.</summary>
    public WalWriter Open(ulong next = 1, long segmentMaxBytes = WalOptions.DefaultSegmentMaxBytes) => new(Options(segmentMaxBytes), next);

    /// <summary>Appends <paramref name="count"/> records "db"/"m v=i i" and waits until durable; returns their bodies.</summary>
    public static async Task<List<string>> AppendAsync(WalWriter writer, int count, int start = 0)
    {
        var bodies = new List<string>();
        var tasks = new List<Task>();
        for (int i = start; i < start + count; i++)
        {
            string body = $"m v={i} {i}\n";
            bodies.Add(body);
            tasks.Add(writer.Append("db", 0, WalFormat.FlagAcceptPartial, 1000 + i, Encoding.UTF8.GetBytes(body), out _));
        }

        await Task.WhenAll(tasks);
        return bodies;
    }

    /// <summary>Replays the directory; returns the result and the records' bodies in order.</summary>
    public (WalReplayResult Result, List<WalRecord> Records) Replay(bool recover = false)
    {
        var records = new List<WalRecord>();
        WalReplayResult result = WalReplayer.Replay(Path, recover, (in WalRecord record) => records.Add(record with { Body = record.Body.ToArray() }));
        return (result, records);
    }

    /// <summary>The segment files in log order.</summary>
    public List<WalSegmentFile> Segments() => WalSegmentFile.List(Path);

    /// <summary>The body of <paramref name="record"/> as text.</summary>
    public static string Body(WalRecord record) => Encoding.UTF8.GetString(record.Body.Span);

    /// <inheritdoc/>
    public void Dispose()
    {
        string parent = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
