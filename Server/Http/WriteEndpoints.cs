using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.Wal;
using IOx.Pg.Storage.WriteBuffer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IOx.Pg.Server.Http;

/// <summary>
/// The InfluxDB-compatible line-protocol write endpoints: <c>POST /write</c> (v1),
/// <c>POST /api/v2/write</c> (v2) and <c>POST /api/v3/write_lp</c> (v3). 204 when every line was
/// stored; 400 with the rejected lines listed (the others stored, unless v3
/// <c>accept_partial=false</c>); 400 for a missing database or an unknown precision; 413 past
/// <see cref="WriteEndpointOptions.MaxBodyBytes"/>; 415 for an unsupported Content-Encoding.
/// </summary>
public static class WriteEndpoints
{
    /// <summary>Scratch bytes a thread's cached parser buffers may keep between requests.</summary>
    private const int RetainedScratchLimit = 1 << 20;

    /// <summary>Parser working memory of this thread: the parse and write run synchronously, between awaits.</summary>
    [ThreadStatic]
    private static LineParserBuffers? t_buffers;

    /// <summary>Maps the three write endpoints onto <paramref name="routes"/>, writing into <paramref name="buffer"/>.</summary>
    public static IEndpointRouteBuilder MapInfluxWriteEndpoints(this IEndpointRouteBuilder routes, WriteBuffer buffer, WriteEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return routes.MapInfluxWriteEndpoints(new DurableLineWriter(buffer, wal: null), options);
    }

    /// <summary>
    /// Maps the three write endpoints onto <paramref name="routes"/>, writing through
    /// <paramref name="writer"/>: a request is acknowledged (204 or 400) only once its record is durable in the WAL.
    /// </summary>
    public static IEndpointRouteBuilder MapInfluxWriteEndpoints(this IEndpointRouteBuilder routes, DurableLineWriter writer, WriteEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        routes.MapPost("/write", context => HandleAsync(context, WriteApi.V1, writer, options));
        routes.MapPost("/api/v2/write", context => HandleAsync(context, WriteApi.V2, writer, options));
        routes.MapPost("/api/v3/write_lp", context => HandleAsync(context, WriteApi.V3, writer, options));
        return routes;
    }

    /// <summary>One write request: parameters, body, write, wait for durability, response.</summary>
    private static async Task HandleAsync(HttpContext context, WriteApi api, DurableLineWriter writer, WriteEndpointOptions options)
    {
        IQueryCollection query = context.Request.Query;
        string? database = DatabaseName(query, api);
        if (string.IsNullOrEmpty(database))
        {
            string what = api == WriteApi.V2 ? "bucket" : "database";
            await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "invalid", $"{what} is required (query parameter {(api == WriteApi.V2 ? "bucket" : "db")})");
            return;
        }

        string? precisionText = query["precision"];
        TimestampPrecision precision = api == WriteApi.V3 ? TimestampPrecision.Auto : TimestampPrecision.Nanosecond;
        if (!string.IsNullOrEmpty(precisionText) && !TimestampPrecisions.TryParse(precisionText, out precision))
        {
            await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "invalid", $"invalid precision '{precisionText}': use ns, us, ms or s");
            return;
        }

        bool acceptPartial = true;
        string? partialText = query["accept_partial"];
        if (api == WriteApi.V3 && !string.IsNullOrEmpty(partialText) && !bool.TryParse(partialText, out acceptPartial))
        {
            await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "invalid", $"invalid accept_partial '{partialText}': use true or false");
            return;
        }

        (BodyReadStatus status, WriteRequestBody? body) = await WriteRequestBody.ReadAsync(context, options.MaxBodyBytes, context.RequestAborted);
        switch (status)
        {
            case BodyReadStatus.TooLarge:
                await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "request too large", $"request body is larger than the limit of {options.MaxBodyBytes} bytes");
                return;
            case BodyReadStatus.UnsupportedEncoding:
                await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status415UnsupportedMediaType, "unsupported media type", $"unsupported Content-Encoding '{context.Request.Headers.ContentEncoding}': use gzip or identity");
                return;
            case BodyReadStatus.BadGzip:
                await WriteResponses.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "invalid", "the gzip request body is corrupt");
                return;
        }

        LineWriteResult result;
        Task durable;
        using (body)
        {
            long now = ToUnixNanoseconds(options.Clock.GetUtcNow());
            LineParserBuffers buffers = t_buffers ??= new LineParserBuffers();
            result = writer.Write(database, body!.Span, new LineWriteOptions(precision, now, acceptPartial), buffers, out durable);
            if (buffers.ScratchCapacity > RetainedScratchLimit)
            {
                // Do not keep a huge line's scratch alive on this thread.
                t_buffers = null;
            }
        }

        try
        {
            // No acknowledgement, not even a 400 for a partial write, before the stored lines are durable.
            await durable;
        }
        catch (WalFailedException e)
        {
            // Disk full is the operator's to fix (507, as WebDAV and InfluxDB answer it); nothing
            // of a failed request is acknowledged, and the log accepts writes again after a restart.
            (int failureStatus, string message) = StorageFailure.Classify(e) switch
            {
                StorageFailureKind.NoSpace => (StatusCodes.Status507InsufficientStorage, "the write could not be made durable: no space left on the device holding the write-ahead log"),
                StorageFailureKind.NotWritable => (StatusCodes.Status500InternalServerError, "the write could not be made durable: the write-ahead log's directory is not writable"),
                _ => (StatusCodes.Status500InternalServerError, "the write could not be made durable: the write-ahead log is unavailable"),
            };
            await WriteResponses.ErrorAsync(context.Response, failureStatus, failureStatus == StatusCodes.Status507InsufficientStorage ? "insufficient storage" : "internal error", message);
            return;
        }

        if (result.Success)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteResponses.BadLinesAsync(context.Response, result, acceptPartial);
    }

    /// <summary>The target database: <c>db</c> for v1 and v3, the part of v2's <c>bucket</c> before a '/' (bucket = "db/rp").</summary>
    private static string? DatabaseName(IQueryCollection query, WriteApi api)
    {
        if (api != WriteApi.V2)
        {
            return query["db"];
        }

        string? bucket = query["bucket"];
        if (bucket is null)
        {
            return null;
        }

        int slash = bucket.IndexOf('/');
        return slash < 0 ? bucket : bucket[..slash];
    }

    /// <summary>A clock reading as nanoseconds since the Unix epoch.</summary>
    private static long ToUnixNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
