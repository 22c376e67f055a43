using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IOx.Pg.Server.Http;

/// <summary>What reading a request body gave.</summary>
internal enum BodyReadStatus : byte
{
    /// <summary>The body is in the buffer.</summary>
    Ok,
    /// <summary>The body (or its decompressed form) is longer than the limit.</summary>
    TooLarge,
    /// <summary>A Content-Encoding other than identity or gzip.</summary>
    UnsupportedEncoding,
    /// <summary>The gzip stream is corrupt.</summary>
    BadGzip,
}

/// <summary>
/// A request body read whole into a pooled buffer, never holding more than the limit: the
/// declared Content-Length is checked first, and reading stops as soon as the count passes the
/// limit. Gzip bodies are decompressed while read and the decompressed size is limited too
/// (Kestrel's own limit is set to ours for the compressed bytes). Dispose returns the buffer.
/// </summary>
internal sealed class WriteRequestBody : IDisposable
{
    /// <summary>First buffer size when the length is not declared.</summary>
    private const int InitialSize = 64 * 1024;

    /// <summary>The pooled buffer; null once returned.</summary>
    private byte[]? _buffer;

    /// <summary>Bytes of <see cref="_buffer"/> that hold the body.</summary>
    private int _length;

    /// <summary>The body bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Reads the body of <paramref name="context"/>'s request, up to <paramref name="limit"/> bytes.</summary>
    public static async Task<(BodyReadStatus Status, WriteRequestBody? Body)> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        HttpRequest request = context.Request;
        limit = Math.Min(limit, Array.MaxLength);
        string? encoding = request.Headers.ContentEncoding;
        bool gzip = false;
        if (!string.IsNullOrEmpty(encoding))
        {
            if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase) || string.Equals(encoding, "x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = true;
            }
            else if (!string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
            {
                return (BodyReadStatus.UnsupportedEncoding, null);
            }
        }

        long? declared = request.ContentLength;
        if (declared > limit)
        {
            return (BodyReadStatus.TooLarge, null);
        }

        IHttpMaxRequestBodySizeFeature? sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // Our limit replaces the server default in both directions; we count ourselves too.
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var body = new WriteRequestBody();
        try
        {
            BodyReadStatus status;
            if (gzip)
            {
                await using var inflater = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
                status = await body.ReadStreamAsync(inflater, limit, cancellationToken);
            }
            else
            {
                int initial = declared is long length ? (int)length : InitialSize;
                status = await body.ReadPipeAsync(request.BodyReader, limit, initial, cancellationToken);
            }

            if (status != BodyReadStatus.Ok)
            {
                body.Dispose();
                return (status, null);
            }

            return (BodyReadStatus.Ok, body);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return (BodyReadStatus.TooLarge, null);
        }
        catch (InvalidDataException)
        {
            body.Dispose();
            return (BodyReadStatus.BadGzip, null);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    /// <summary>Copies the pipe's bytes into the buffer; TooLarge as soon as they pass <paramref name="limit"/>.</summary>
    private async Task<BodyReadStatus> ReadPipeAsync(PipeReader pipe, long limit, int initialSize, CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(initialSize, 1, limit + 1));
        while (true)
        {
            ReadResult result = await pipe.ReadAsync(cancellationToken);
            ReadOnlySequence<byte> data = result.Buffer;
            if (_length + data.Length > limit)
            {
                pipe.AdvanceTo(data.End);
                return BodyReadStatus.TooLarge;
            }

            EnsureCapacity(_length + (int)data.Length, limit);
            data.CopyTo(_buffer.AsSpan(_length));
            _length += (int)data.Length;
            pipe.AdvanceTo(data.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return BodyReadStatus.Ok;
            }
        }
    }

    /// <summary>Reads a (decompressing) stream into the buffer; TooLarge as soon as it passes <paramref name="limit"/>.</summary>
    private async Task<BodyReadStatus> ReadStreamAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(InitialSize, limit + 1));
        while (true)
        {
            if (_length == _buffer.Length)
            {
                EnsureCapacity(_length + 1, limit);
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                return BodyReadStatus.Ok;
            }

            _length += read;
            if (_length > limit)
            {
                return BodyReadStatus.TooLarge;
            }
        }
    }

    /// <summary>Grows the pooled buffer (doubling, but never past <paramref name="limit"/> + 1) to hold <paramref name="needed"/> bytes, keeping its contents.</summary>
    private void EnsureCapacity(int needed, long limit)
    {
        byte[] buffer = _buffer!;
        if (needed <= buffer.Length)
        {
            return;
        }

        int size = (int)Math.Min(Math.Max((long)buffer.Length * 2, needed), Math.Min(limit + 1, Array.MaxLength));
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        _buffer = bigger;
    }
}
