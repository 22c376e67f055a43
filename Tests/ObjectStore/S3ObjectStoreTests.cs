using Amazon.S3;
using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>
/// The S3 object store against a real S3-compatible server (s3rver): the shared contract, with a
/// list page of 7 keys so listings cross pages, each test under its own key prefix.
/// </summary>
public sealed class S3ObjectStoreTests : ObjectStoreContractTests, IClassFixture<S3rver>, IDisposable
{
    /// <summary>The server shared by this class's tests.</summary>
    private readonly S3rver _server;

    /// <summary>Stores made by this test, disposed with it.</summary>
    private readonly List<S3ObjectStore> _stores = [];

    /// <summary>Binds the test to the class's server.</summary>
    public S3ObjectStoreTests(S3rver server)
    {
        _server = server;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (S3ObjectStore store in _stores)
        {
            store.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override IObjectStore NewStore() => Track(new S3ObjectStore(_server.Options("t" + Guid.NewGuid().ToString("N") + "/data", listPageSize: 7)));

    [Fact]
    public async Task PrefixesKeepStoresApartAndKeysComeBackWithoutThem()
    {
        var a = Track(new S3ObjectStore(_server.Options("one/a")));
        var b = Track(new S3ObjectStore(_server.Options("one/ab")));
        var root = Track(new S3ObjectStore(_server.Options("")));
        await a.PutAsync("db/x", new byte[] { 1 });
        await b.PutAsync("db/y", new byte[] { 2 });

        Assert.Equal(["db/x"], Keys(await a.ListAsync("")));
        Assert.Equal(["db/y"], Keys(await b.ListAsync("")));
        Assert.Null(await a.HeadAsync("db/y"));
        Assert.Equal(new byte[] { 2 }, await root.GetAsync("one/ab/db/y"));
        Assert.Equal(["one/a/db/x", "one/ab/db/y"], Keys(await root.ListAsync("one/")));
    }

    [Fact]
    public async Task UnknownCredentialsAreRefused()
    {
        // s3rver checks the access key id (it does not verify SigV4 signatures themselves).
        var store = Track(new S3ObjectStore(_server.Options("x") with { AccessKeyId = "NOBODY" }));
        AmazonS3Exception e = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.PutAsync("k", new byte[] { 1 }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public void AKeyIdWithoutASecretIsAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() => new S3ObjectStore(_server.Options("x") with { SecretAccessKey = null }));
    }

    /// <summary>Keeps a store for disposal.</summary>
    private S3ObjectStore Track(S3ObjectStore store)
    {
        _stores.Add(store);
        return store;
    }
}
