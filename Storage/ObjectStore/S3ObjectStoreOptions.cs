namespace IOx.Pg.Storage.ObjectStore;

/// <summary>
/// Where an <see cref="S3ObjectStore"/> keeps its objects and how it signs in. Credentials left
/// null fall back to the AWS SDK's default chain (environment, profile, instance role).
/// </summary>
public sealed record S3ObjectStoreOptions
{
    /// <summary>The bucket; must exist.</summary>
    public required string Bucket { get; init; }

    /// <summary>Service URL (e.g. http://127.0.0.1:4568 for a local S3-compatible server); null: AWS's endpoint for <see cref="Region"/>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region requests are signed for.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Key prefix inside the bucket under which every object lives ("" or a '/'-separated path; a trailing '/' is added).</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Address the bucket in the path (http://host/bucket/key) rather than as a virtual host; most S3-compatible servers need it.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Access key id; null: the SDK's default credential chain.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key (required with <see cref="AccessKeyId"/>).</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Session token of temporary credentials, or null.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Most keys one list request returns (S3's own limit is 1000); smaller values exercise pagination.</summary>
    public int ListPageSize { get; init; } = 1000;
}
