using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>The local object store: the shared contract, plus what only a directory tree can show (no escape from the root, crash leftovers, one file per key).</summary>
public sealed class LocalObjectStoreTests : ObjectStoreContractTests, IDisposable
{
    /// <summary>The directory of this test's store.</summary>
    private readonly TempDirectory _dir = new();

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();

    /// <inheritdoc/>
    protected override IObjectStore NewStore() => new LocalObjectStore(_dir.Path);

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("C:/x")]
    public async Task PathTraversalWritesNothingOutsideTheRoot(string key)
    {
        var store = new LocalObjectStore(Path.Combine(_dir.Path, "root"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }));
        string root = Path.Combine(_dir.Path, "root");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_dir.Path, "*", SearchOption.AllDirectories), p => !p.StartsWith(root, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutThatFailsMidWriteLeavesNoFile()
    {
        var store = new LocalObjectStore(_dir.Path);
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("db/t/obj", new FailingStream(new byte[200_000], failAfter: 100_000)));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TemporaryFilesLeftByACrashAreInvisibleAndRemoved()
    {
        var store = new LocalObjectStore(_dir.Path);
        await store.PutAsync("db/t/real", new byte[] { 1 });

        // What a crash between create and rename leaves: a partial hidden file.
        string leftover = Path.Combine(_dir.Path, "db", "t", ".real2." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllBytesAsync(leftover, new byte[] { 9, 9 });

        Assert.Equal(["db/t/real"], Keys(await store.ListAsync("")));
        Assert.Equal(1, store.RemoveTemporaryFiles());
        Assert.False(File.Exists(leftover));
        Assert.Equal(["db/t/real"], Keys(await store.ListAsync("")));
    }

    // Not in the shared contract: S3 itself makes concurrent PUTs of a key atomic, but s3rver
    // writes an object's bytes and its ETag separately, so racing PUTs there can pair one's
    // bytes with another's checksum (the SDK then rejects the GET).
    [Fact]
    public async Task ConcurrentPutsOfOneKeyLeaveOneWholeObject()
    {
        var store = new LocalObjectStore(_dir.Path);
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
        Assert.Equal(["same"], Keys(await store.ListAsync("")));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }
}
