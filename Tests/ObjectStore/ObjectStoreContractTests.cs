using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, run against each implementation (a derived
/// class per store supplies a fresh, empty store for every test).
/// </summary>
public abstract class ObjectStoreContractTests
{
    /// <summary>A store holding no objects, private to the calling test.</summary>
    protected abstract IObjectStore NewStore();

    [Fact]
    public async Task PutGetHeadDeleteRoundTrip()
    {
        IObjectStore store = NewStore();
        string key = ObjectKeys.ParquetFile("db", "cpu", new DateOnly(2024, 1, 2), Guid.NewGuid());
        byte[] data = new byte[100_000];
        new Random(1).NextBytes(data);

        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await store.PutAsync(key, data);
        Assert.Equal(data, await store.GetAsync(key));
        ObjectMeta? meta = await store.HeadAsync(key);
        Assert.NotNull(meta);
        Assert.Equal(data.Length, meta.Size);
        Assert.Equal(key, meta.Key);
        Assert.InRange(meta.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));

        // Replacing an object is a put over it.
        await store.PutAsync(key, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync(key));

        Assert.True(await store.DeleteAsync(key));
        Assert.False(await store.DeleteAsync(key));
        Assert.Null(await store.HeadAsync(key));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync(key));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetRangeAsync(key, 0, 1));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetRangeAsync(key, 0, 0));
    }

    [Fact]
    public async Task EmptyObjectsAndStreamPutsRoundTrip()
    {
        IObjectStore store = NewStore();
        await store.PutAsync("db/empty", ReadOnlyMemory<byte>.Empty);
        Assert.Empty(await store.GetAsync("db/empty"));
        Assert.Equal(0, (await store.HeadAsync("db/empty"))!.Size);
        Assert.Empty(await store.GetRangeAsync("db/empty", 0, 0));

        byte[] data = new byte[300_000];
        new Random(2).NextBytes(data);
        await store.PutAsync("db/streamed", new MemoryStream(data));
        Assert.Equal(data, await store.GetAsync("db/streamed"));
    }

    [Fact]
    public async Task GetRangeReadsExactlyTheRangeAndRejectsOutside()
    {
        IObjectStore store = NewStore();
        byte[] data = new byte[1000];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)i;
        }

        await store.PutAsync("a/b", data);
        Assert.Equal(data[10..20], await store.GetRangeAsync("a/b", 10, 10));
        Assert.Equal(data[992..], await store.GetRangeAsync("a/b", 992, 8));
        Assert.Equal(data[0..1], await store.GetRangeAsync("a/b", 0, 1));
        Assert.Empty(await store.GetRangeAsync("a/b", 1000, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 995, 8));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 1001, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 1000, 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRangeAsync("a/b", 5000, 10));
    }

    [Fact]
    public async Task ListReturnsKeysUnderThePrefixSorted()
    {
        IObjectStore store = NewStore();
        string[] keys = ["db/cpu/2024-01-02/b.parquet", "db/cpu/2024-01-01/a.parquet", "db/cpux/2024-01-01/c.parquet", "db2/cpu/x", "top"];
        foreach (string key in keys)
        {
            await store.PutAsync(key, new byte[] { 7 });
        }

        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet"], Keys(await store.ListAsync("db/cpu/")));
        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet", "db/cpux/2024-01-01/c.parquet"], Keys(await store.ListAsync("db/cpu")));
        Assert.Equal(["db/cpu/2024-01-01/a.parquet", "db/cpu/2024-01-02/b.parquet", "db/cpux/2024-01-01/c.parquet", "db2/cpu/x"], Keys(await store.ListAsync("db")));
        Assert.Equal(5, (await store.ListAsync("")).Count);
        Assert.All(await store.ListAsync(""), m => Assert.Equal(1, m.Size));
        Assert.Empty(await store.ListAsync("nothing/"));

        // A prefix of keys is not an object.
        Assert.Null(await store.HeadAsync("db/cpu"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("db/cpu"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetRangeAsync("db/cpu", 0, 1));
    }

    [Fact]
    public async Task ListReturnsEveryKeyOfALargeListing()
    {
        IObjectStore store = NewStore();
        var expected = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            string key = $"db/t/{i % 3}/{i:D3}";
            expected.Add(key);
            await store.PutAsync(key, new byte[] { (byte)i });
        }

        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, Keys(await store.ListAsync("db/")));
        Assert.Equal(expected.Where(k => k.StartsWith("db/t/1/", StringComparison.Ordinal)), Keys(await store.ListAsync("db/t/1/")));
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
    public async Task MalformedKeysAreRejected(string key)
    {
        IObjectStore store = NewStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetRangeAsync(key, 0, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.HeadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key));
        Assert.Empty(await store.ListAsync(""));
    }

    [Fact]
    public async Task PutThatFailsMidReadLeavesNoObject()
    {
        IObjectStore store = NewStore();
        var source = new FailingStream(new byte[200_000], failAfter: 100_000);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("db/t/obj", source));
        Assert.True(source.Failed);
        Assert.Null(await store.HeadAsync("db/t/obj"));
        Assert.Empty(await store.ListAsync(""));
    }

    [Fact]
    public async Task FailedReplacementKeepsTheOldObjectWhole()
    {
        IObjectStore store = NewStore();
        await store.PutAsync("k", new byte[] { 1, 2, 3 });
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("k", new FailingStream(new byte[50_000], failAfter: 10_000)));
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync("k"));
    }

    /// <summary>The keys of a listing.</summary>
    protected static string[] Keys(IReadOnlyList<ObjectMeta> list) => list.Select(m => m.Key).ToArray();

    /// <summary>A source stream that throws after some bytes, standing for a failing producer or disk.</summary>
    protected sealed class FailingStream(byte[] data, int failAfter) : Stream
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
