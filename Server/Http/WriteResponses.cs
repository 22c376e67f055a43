using System.Text.Json;
using IOx.Pg.Server.Write;
using Microsoft.AspNetCore.Http;

namespace IOx.Pg.Server.Http;

/// <summary>
/// The JSON error bodies of the write endpoints. One shape serves every client generation:
/// InfluxDB 3 reads <c>error</c> and <c>data</c> (a list of
/// <c>{"original_line","line_number","error_message"}</c>), 1.x clients read <c>error</c>, and
/// 2.x clients read <c>code</c> and <c>message</c>.
/// </summary>
internal static class WriteResponses
{
    /// <summary>A 400 for a body with rejected lines; the valid ones were stored unless nothing was.</summary>
    public static Task BadLinesAsync(HttpResponse response, LineWriteResult result, bool acceptPartial)
    {
        string summary = acceptPartial ? "partial write of line protocol occurred" : "parsing failed for write_lp endpoint";
        BadLine first = result.BadLines[0];
        string message = acceptPartial
            ? $"partial write: {result.BadLineCount} line(s) rejected, {result.LinesWritten} written; first error at line {first.LineNumber}: {first.Message}"
            : $"no lines written: {result.BadLineCount} line(s) rejected; first error at line {first.LineNumber}: {first.Message}";
        return WriteAsync(response, StatusCodes.Status400BadRequest, summary, "invalid", message, result.BadLines);
    }

    /// <summary>An error without line details (missing database, bad precision, too large...).</summary>
    public static Task ErrorAsync(HttpResponse response, int status, string code, string message) =>
        WriteAsync(response, status, message, code, message, null);

    /// <summary>Writes the body straight into the response pipe.</summary>
    private static async Task WriteAsync(HttpResponse response, int status, string error, string code, string message, IReadOnlyList<BadLine>? lines)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("error"u8, error);
            json.WriteString("code"u8, code);
            json.WriteString("message"u8, message);
            if (lines is not null)
            {
                json.WriteStartArray("data"u8);
                foreach (BadLine line in lines)
                {
                    json.WriteStartObject();
                    json.WriteString("original_line"u8, line.OriginalLine);
                    json.WriteNumber("line_number"u8, line.LineNumber);
                    json.WriteString("error_message"u8, line.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync();
    }
}
