using System.CommandLine;
using IOx.Pg.Server.Hosting;
using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>The <c>--object-store</c> and <c>--s3-*</c> flags of <c>ioxpg serve</c>.</summary>
public sealed class ObjectStoreFlagsTests
{
    [Fact]
    public void LocalIsTheDefault()
    {
        Assert.Null(Parse());
        Assert.Null(Parse("--object-store", "local"));
    }

    [Fact]
    public void S3FlagsBecomeTheStoreOptions()
    {
        S3ObjectStoreOptions? options = Parse(
            "--object-store", "s3", "--s3-bucket", "b", "--s3-endpoint", "http://127.0.0.1:9000", "--s3-region", "eu-west-1",
            "--s3-prefix", "iox/data", "--s3-path-style", "--s3-access-key-id", "id", "--s3-secret-access-key", "secret");
        Assert.NotNull(options);
        Assert.Equal("b", options.Bucket);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.Endpoint);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("iox/data", options.Prefix);
        Assert.True(options.ForcePathStyle);
        Assert.Equal("id", options.AccessKeyId);
        Assert.Equal("secret", options.SecretAccessKey);
    }

    [Theory]
    [InlineData("--object-store", "gcs")]
    [InlineData("--object-store", "s3")]
    [InlineData("--object-store", "s3", "--s3-bucket", "b", "--s3-endpoint", "ftp://x")]
    [InlineData("--object-store", "s3", "--s3-bucket", "b", "--s3-prefix", "../x")]
    public void BadCombinationsAreConfigurationErrors(params string[] args)
    {
        Assert.Throws<FormatException>(() => Parse(args));
    }

    /// <summary>Parses <paramref name="args"/> as <c>serve</c>'s flags.</summary>
    private static S3ObjectStoreOptions? Parse(params string[] args)
    {
        var flags = new ObjectStoreFlags();
        var serve = new Command("serve");
        flags.AddTo(serve);
        ParseResult parse = serve.Parse(args);
        Assert.Empty(parse.Errors);
        return flags.Parse(parse);
    }
}
