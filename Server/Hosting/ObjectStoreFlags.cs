using System.CommandLine;
using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// The command-line flags choosing the object store: <c>--object-store local|s3</c> and the
/// <c>--s3-*</c> settings. Credentials come from the flags, else from AWS_ACCESS_KEY_ID /
/// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the AWS SDK's default chain.
/// </summary>
public sealed class ObjectStoreFlags
{
    /// <summary>local (default) or s3.</summary>
    private readonly Option<string> _kind = new("--object-store") { Description = "where Parquet files live: local (<data-dir>/objects) or s3", DefaultValueFactory = _ => "local" };

    /// <summary>S3 endpoint URL.</summary>
    private readonly Option<string?> _endpoint = new("--s3-endpoint") { Description = "S3 service URL, e.g. http://127.0.0.1:9000 (default: AWS for --s3-region)" };

    /// <summary>Bucket.</summary>
    private readonly Option<string?> _bucket = new("--s3-bucket") { Description = "S3 bucket (must exist)" };

    /// <summary>Region.</summary>
    private readonly Option<string?> _region = new("--s3-region") { Description = "S3 region requests are signed for (default: AWS_REGION or us-east-1)" };

    /// <summary>Key prefix.</summary>
    private readonly Option<string> _prefix = new("--s3-prefix") { Description = "key prefix inside the bucket", DefaultValueFactory = _ => string.Empty };

    /// <summary>Path-style addressing.</summary>
    private readonly Option<bool> _pathStyle = new("--s3-path-style") { Description = "address the bucket in the URL path (most S3-compatible servers need this)" };

    /// <summary>Access key id.</summary>
    private readonly Option<string?> _accessKeyId = new("--s3-access-key-id") { Description = "S3 access key id (else AWS_ACCESS_KEY_ID)" };

    /// <summary>Secret access key.</summary>
    private readonly Option<string?> _secretAccessKey = new("--s3-secret-access-key") { Description = "S3 secret access key (else AWS_SECRET_ACCESS_KEY; prefer the environment)" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_kind);
        command.Options.Add(_endpoint);
        command.Options.Add(_bucket);
        command.Options.Add(_region);
        command.Options.Add(_prefix);
        command.Options.Add(_pathStyle);
        command.Options.Add(_accessKeyId);
        command.Options.Add(_secretAccessKey);
    }

    /// <summary>The S3 settings, or null for the local store.</summary>
    /// <exception cref="FormatException">An unknown store kind, a missing bucket, a bad URL, or half a key pair.</exception>
    public S3ObjectStoreOptions? Parse(ParseResult parse)
    {
        string kind = parse.GetValue(_kind)!;
        if (kind == "local")
        {
            return null;
        }

        if (kind != "s3")
        {
            throw new FormatException($"--object-store must be local or s3, not '{kind}'");
        }

        string bucket = parse.GetValue(_bucket) is { Length: > 0 } b ? b : throw new FormatException("--object-store s3 needs --s3-bucket");
        Uri? endpoint = null;
        if (parse.GetValue(_endpoint) is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new FormatException($"--s3-endpoint '{url}' is not an http(s) URL");
        }

        string? keyId = parse.GetValue(_accessKeyId) ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        string? secret = parse.GetValue(_secretAccessKey) ?? Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        if ((keyId is null) != (secret is null))
        {
            throw new FormatException("S3 credentials need both an access key id and a secret access key");
        }

        string prefix = parse.GetValue(_prefix)!;
        if (prefix.Trim('/').Length > 0)
        {
            try
            {
                ObjectKeys.ValidateKey(prefix.Trim('/'));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"--s3-prefix '{prefix}': {e.Message}");
            }
        }

        return new S3ObjectStoreOptions
        {
            Bucket = bucket,
            Endpoint = endpoint,
            Region = parse.GetValue(_region) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
            Prefix = prefix,
            ForcePathStyle = parse.GetValue(_pathStyle),
            AccessKeyId = keyId,
            SecretAccessKey = secret,
            SessionToken = keyId is null ? null : Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"),
        };
    }
}
