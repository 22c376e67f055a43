using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace IOx.Pg.Storage.ObjectStore;

/// <summary>
/// An <see cref="IObjectStore"/> over an S3 bucket (AWS or any S3-compatible server): key
/// <c>a/b/c</c> is the object <c>&lt;prefix&gt;a/b/c</c>. S3 makes a PUT atomic itself (readers
/// see the old object or the whole new one), so no temporary objects are needed. A put from a
/// stream reads the whole stream first, so a source that fails mid-read stores nothing.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    /// <summary>The SDK client; owned.</summary>
    private readonly AmazonS3Client _client;

    /// <summary>The bucket.</summary>
    private readonly string _bucket;

    /// <summary>"" or a prefix ending with '/'; prepended to every key.</summary>
    private readonly string _prefix;

    /// <summary>Keys per list request.</summary>
    private readonly int _listPageSize;

    /// <summary>Creates the client; no request is made until the first operation.</summary>
    public S3ObjectStore(S3ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Bucket);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ListPageSize, 1);
        string prefix = options.Prefix.Trim('/');
        if (prefix.Length > 0)
        {
            ObjectKeys.ValidateKey(prefix);
            prefix += "/";
        }

        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,

            // Checksums only where S3 demands them: S3-compatible servers predating the SDK's
            // flexible checksums reject or mis-store the trailing-checksum chunked encoding.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is not null)
        {
            config.ServiceURL = options.Endpoint.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        AWSCredentials? credentials = options.AccessKeyId switch
        {
            null => null,
            _ when options.SecretAccessKey is null => throw new ArgumentException("an S3 access key id needs its secret access key", nameof(options)),
            _ when options.SessionToken is not null => new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken),
            _ => new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey),
        };
        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        _bucket = options.Bucket;
        _prefix = prefix;
        _listPageSize = options.ListPageSize;
    }

    /// <summary>The bucket.</summary>
    public string Bucket => _bucket;

    /// <summary>"" or the prefix (ending with '/') under which keys live.</summary>
    public string Prefix => _prefix;

    /// <inheritdoc/>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        string objectKey = ObjectKeyOf(key);
        var body = new ReadOnlyMemoryStream(data);
        await PutCoreAsync(objectKey, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string objectKey = ObjectKeyOf(key);

        // Read everything before the request starts: a source failing mid-way must store nothing,
        // and a single PUT needs its length up front.
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await PutCoreAsync(objectKey, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        string objectKey = ObjectKeyOf(key);
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(_bucket, objectKey, cancellationToken).ConfigureAwait(false);
            return await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key, e);
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        string objectKey = ObjectKeyOf(key);
        if (length == 0)
        {
            // HTTP has no empty byte range; the object's size decides whether the range is inside.
            ObjectMeta meta = await HeadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(key);
            return offset <= meta.Size ? [] : throw OutsideRange(key, offset, length, meta.Size);
        }

        var request = new GetObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            ByteRange = new ByteRange(offset, offset + length - 1),
        };
        try
        {
            using GetObjectResponse response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] bytes = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            long start = RangeStart(response.ContentRange) ?? 0;
            if (start > offset || start + bytes.Length < offset + length)
            {
                // S3 shortens a range that runs past the end instead of refusing it.
                throw OutsideRange(key, offset, length, start + bytes.Length);
            }

            // HTTP lets a server send more than the range (all of it, with 200); some do for
            // "bytes=0-0". Take exactly the range from what came.
            return start == offset && bytes.Length == length ? bytes : bytes.AsSpan((int)(offset - start), length).ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ArgumentOutOfRangeException($"range {offset}+{length} lies outside object {key}", e);
        }
    }

    /// <inheritdoc/>
    public async Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        string objectKey = ObjectKeyOf(key);
        try
        {
            GetObjectMetadataResponse response = await _client.GetObjectMetadataAsync(_bucket, objectKey, cancellationToken).ConfigureAwait(false);
            return new ObjectMeta(key, response.ContentLength, ToUtc(response.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ObjectMeta>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var result = new List<ObjectMeta>();
        var request = new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = _prefix + prefix,
            MaxKeys = _listPageSize,
        };
        while (true)
        {
            ListObjectsV2Response response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            if (response.S3Objects is { } objects)
            {
                foreach (S3Object item in objects)
                {
                    string key = item.Key[_prefix.Length..];
                    if (IsValidKey(key))
                    {
                        result.Add(new ObjectMeta(key, item.Size ?? 0, ToUtc(item.LastModified)));
                    }
                }
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }

        // S3 lists in UTF-8 byte order; the contract is ordinal UTF-16 order (they differ only past U+FFFF).
        result.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// S3's DELETE succeeds whether or not the object exists, so the answer comes from a HEAD
    /// first; a concurrent delete of the same key can make both callers see true.
    /// </remarks>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string objectKey = ObjectKeyOf(key);
        if (await HeadAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await _client.DeleteObjectAsync(_bucket, objectKey, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    /// <summary>One PUT of a seekable body.</summary>
    private async Task PutCoreAsync(string objectKey, Stream body, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = true,

            // A signed, un-chunked body: every S3-compatible server understands it.
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        };
        await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bucket key of a store key, after validating it.</summary>
    private string ObjectKeyOf(string key)
    {
        ObjectKeys.ValidateKey(key);
        return _prefix + key;
    }

    /// <summary>Reads a response body whole.</summary>
    private static async Task<byte[]> ReadBodyAsync(GetObjectResponse response, CancellationToken cancellationToken)
    {
        long length = response.ContentLength;
        if (length >= 0 && length <= Array.MaxLength)
        {
            byte[] bytes = new byte[length];
            await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }

        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The first byte of a Content-Range header ("bytes 10-19/1000"), or null when there is none (the whole object came).</summary>
    private static long? RangeStart(string? contentRange)
    {
        if (contentRange is null || !contentRange.StartsWith("bytes ", StringComparison.Ordinal))
        {
            return null;
        }

        int dash = contentRange.IndexOf('-', StringComparison.Ordinal);
        return dash > 6 && long.TryParse(contentRange.AsSpan(6, dash - 6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long start) ? start : null;
    }

    /// <summary>The contract's error for a range outside the object.</summary>
    private static ArgumentOutOfRangeException OutsideRange(string key, long offset, int length, long size) =>
        new("length", $"range {offset}+{length} lies outside object {key} of {size} bytes");

    /// <summary>An SDK time (local or UTC kind) as UTC.</summary>
    private static DateTimeOffset ToUtc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : DateTimeOffset.UnixEpoch;

    /// <summary>True when a put could have made this key (anything else in the bucket is not ours).</summary>
    private static bool IsValidKey(string key)
    {
        try
        {
            ObjectKeys.ValidateKey(key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A read-only seekable stream over memory the caller keeps alive for the request.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> data) : Stream
    {
        /// <summary>Read position.</summary>
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, data.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, data.Length - _position);
            data.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin)
        {
            long target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => data.Length + offset,
            };
            Position = target;
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
