using System.Text;
using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>A parsed line copied out of the reader, for assertions.</summary>
internal sealed record ParsedCopy(
    int LineNumber,
    string Measurement,
    List<(string Key, string Value)> Tags,
    List<(string Key, LineFieldType Type, object Value)> Fields,
    long Timestamp,
    bool HasTimestamp,
    string Text);

/// <summary>A rejected line copied out of the reader.</summary>
internal sealed record ErrorCopy(int LineNumber, LineErrorKind Kind, string Message, string Text);

/// <summary>Runs the reader over a whole body and copies every result out.</summary>
internal static class LineParse
{
    /// <summary>The server time tests pass for lines without a timestamp.</summary>
    public const long DefaultTime = 1_700_000_000_123_456_789;

    /// <summary>Parses <paramref name="text"/> (UTF-8 encoded).</summary>
    public static (List<ParsedCopy> Lines, List<ErrorCopy> Errors) Parse(string text, TimestampPrecision precision = TimestampPrecision.Nanosecond) =>
        Parse(Encoding.UTF8.GetBytes(text), precision);

    /// <summary>Parses raw bytes.</summary>
    public static (List<ParsedCopy> Lines, List<ErrorCopy> Errors) Parse(byte[] body, TimestampPrecision precision = TimestampPrecision.Nanosecond)
    {
        var lines = new List<ParsedCopy>();
        var errors = new List<ErrorCopy>();
        var reader = new LineProtocolReader(body, new LineParserBuffers(), precision, DefaultTime);
        while (true)
        {
            LineReadStatus status = reader.Read(out ParsedLine line, out LineError error);
            if (status == LineReadStatus.EndOfInput)
            {
                break;
            }

            if (status == LineReadStatus.Error)
            {
                errors.Add(new ErrorCopy(error.LineNumber, error.Kind, error.Message, Encoding.UTF8.GetString(error.Text(body))));
                continue;
            }

            var tags = new List<(string, string)>();
            for (int i = 0; i < line.TagCount; i++)
            {
                tags.Add((Encoding.UTF8.GetString(line.TagKey(i)), Encoding.UTF8.GetString(line.TagValue(i))));
            }

            var fields = new List<(string, LineFieldType, object)>();
            for (int i = 0; i < line.FieldCount; i++)
            {
                LineFieldType type = line.FieldType(i);
                object value = type switch
                {
                    LineFieldType.Float => line.FieldDouble(i),
                    LineFieldType.Integer => line.FieldInt64(i),
                    LineFieldType.UInteger => line.FieldUInt64(i),
                    LineFieldType.Boolean => line.FieldBoolean(i),
                    _ => Encoding.UTF8.GetString(line.FieldString(i)),
                };
                fields.Add((Encoding.UTF8.GetString(line.FieldKey(i)), type, value));
            }

            lines.Add(new ParsedCopy(
                line.LineNumber,
                Encoding.UTF8.GetString(line.Measurement),
                tags,
                fields,
                line.Timestamp,
                line.HasTimestamp,
                Encoding.UTF8.GetString(line.Text)));
        }

        return (lines, errors);
    }

    /// <summary>Parses one line that must be valid.</summary>
    public static ParsedCopy One(string text, TimestampPrecision precision = TimestampPrecision.Nanosecond)
    {
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = Parse(text, precision);
        Assert.Empty(errors);
        return Assert.Single(lines);
    }

    /// <summary>Parses one line that must be rejected.</summary>
    public static ErrorCopy Error(string text, TimestampPrecision precision = TimestampPrecision.Nanosecond)
    {
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = Parse(text, precision);
        Assert.Empty(lines);
        return Assert.Single(errors);
    }

    /// <summary>The single field of a line that must be valid.</summary>
    public static (string Key, LineFieldType Type, object Value) Field(string text) => Assert.Single(One(text).Fields);
}
