using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>The local object store: round trips, ranges, listing, deletion, rejected keys and crash-safe puts.</summary>
public sealed class LocalObjectStoreTests
{
    [Fact]
    public async Task PutGetHeadDeleteRoundTrip()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        string key = ObjectKeys.ParquetFile("db", "cpu", new DateOnly(2024, 1, 2), Guid.NewGuid());
        byte[] data = new byte[100_000];
        new Random(1).NextBytes(data);

        await store.PutAsync(key, data);
        Assert.Equal(data, await store.GetAsync(key));
        ObjectMeta? meta = await store.HeadAsync(key);
        Assert.NotNull(meta);
        Assert.Equal(data.Length, meta.Size);
        Assert.Equal(key, meta.Key);

        // Replacing an object is a put over it.
        await store.PutAsync(key, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync(key));

        Assert.True(await store.DeleteAsync(key));
        Assert.False(await store.DeleteAsync(key));
        Assert.Null(await store.HeadAsync(key));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync(key));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetRangeAsync(key, 0, 1));
    }

    [Fact]
    public async Task GetRangeReadsExactlyTheRangeAndRejectsOutside()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)i;
        }

        await store.PutAsync("a/b", data);
        Assert.Equal(data[10..20], await store.GetRangeAsync("a/b", 10, 10));
        Assert.Equal(data[992..], await store.GetRangeAsync("a/b", 992, 8));
        Assert.Empty(await store.GetRangeAsync("a/b", 1000, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 995, 8));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 1001, 0));
    }

    [Fact]
    public async Task ListReturnsKeysUnderThePrefixSorted()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        string[] keys = ["db/cpu/2024-01-02/b.parquet", "db/cpu/2024-01-01/a.parquet", "db/cpux/2024-01-01/c.parquet", "db2/cpu/x", "top"];
        foreach (string key in keys)
        {
            await store.PutAsync(key, new byte[] { 7 });
        }

        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet"], Keys(await store.ListAsync("db/cpu/")));
        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet", "db/cpux/2024-01-01/c.parquet"], Keys(await store.ListAsync("db/cpu")));
        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet", "db/cpux/2024-01-01/c.parquet", "db2/cpu/x"], Keys(await store.ListAsync("db")));
        Assert.Equal(5, (await store.ListAsync("")).Count);
        Assert.Empty(await store.ListAsync("nothing/"));

        // A prefix of keys is a directory, not an object.
        Assert.Null(await store.HeadAsync("db/cpu"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("db/cpu"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetRangeAsync("db/cpu", 0, 1));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("a\\..\\b")]
    [InlineData("a/b\0c")]
    [InlineData("C:/x")]
    [InlineData("a/.hidden")]
    [InlineData("")]
    public async Task PathTraversalAndMalformedKeysAreRejected(string key)
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(Path.Combine(dir.Path, "root"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.HeadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key));
        string root = Path.Combine(dir.Path, "root");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories), p => !p.StartsWith(root, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutThatFailsMidWriteLeavesNoObject()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        var source = new FailingStream(new byte[200_000], failAfter: 100_000);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("db/t/obj", source));
        Assert.True(source.Failed);
        Assert.Null(await store.HeadAsync("db/t/obj"));
        Assert.Empty(await store.ListAsync(""));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FailedReplacementKeepsTheOldObjectWhole()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync("k", new byte[] { 1, 2, 3 });
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("k", new FailingStream(new byte[50_000], failAfter: 10_000)));
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync("k"));
    }

    [Fact]
    public async Task TemporaryFilesLeftByACrashAreInvisibleAndRemoved()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync("db/t/real", new byte[] { 1 });

        // What a crash between create and rename leaves: a partial hidden file.
        string leftover = Path.Combine(dir.Path, "db", "t", ".real2." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllBytesAsync(leftover, new byte[] { 9, 9 });

        Assert.Equal(["db/t/real"], Keys(await store.ListAsync("")));
        Assert.Equal(1, store.RemoveTemporaryFiles());
        Assert.False(File.Exists(leftover));
        Assert.Equal(["db/t/real"], Keys(await store.ListAsync("")));
    }

    [Fact]
    public async Task ConcurrentPutsOfOneKeyLeaveOneWholeObject()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        var tasks = new List<Task>();
        for (int i = 0; i < 8; i++)
        {
            byte[] data = new byte[50_000];
            Array.Fill(data, (byte)i);
            tasks.Add(Task.Run(() => store.PutAsync("same", data)));
        }

        await Task.WhenAll(tasks);
        byte[] result = await store.GetAsync("same");
        Assert.Equal(50_000, result.Length);
        Assert.All(result, b => Assert.Equal(result[0], b));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    /// <summary>The keys of a listing.</summary>
    private static string[] Keys(IReadOnlyList<ObjectMeta> list) => list.Select(m => m.Key).ToArray();

    /// <summary>A source stream that throws after some bytes, standing for a failing producer or disk.</summary>
    private sealed class FailingStream(byte[] data, int failAfter) : Stream
    {
        /// <summary>Bytes handed out so far.</summary>
        private int _position;

        /// <summary>True once the failure was raised.</summary>
        public bool Failed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                Failed = true;
                throw new IOException("simulated failure mid-write");
            }

            int n = Math.Min(buffer.Length, failAfter - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
