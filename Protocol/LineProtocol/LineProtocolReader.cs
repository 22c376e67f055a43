using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// Reads InfluxDB line protocol from a complete request body, one line per call, without
/// allocating (the error path builds a message string). Usage:
/// <code>
/// var reader = new LineProtocolReader(body, buffers, precision, serverTimeNs);
/// while (true)
/// {
///     LineReadStatus status = reader.Read(out ParsedLine line, out LineError error);
///     if (status == LineReadStatus.EndOfInput) break;
///     if (status == LineReadStatus.Error) { /* report error, go on */ continue; }
///     /* use line before the next Read: it views the reader's scratch buffers */
/// }
/// </code>
/// Grammar (InfluxDB v1/v2/v3): <c>measurement[,tag=value...] field=value[,field=value...] [timestamp]</c>.
/// Lines end at '\n' (a preceding '\r' is dropped) except inside a double-quoted string value;
/// blank lines and lines starting with '#' are skipped; leading spaces and tabs are ignored; one
/// or more spaces separate the sections. Escapes: in the measurement <c>\,</c> and <c>\ </c>; in
/// tag keys, tag values and field keys <c>\,</c> <c>\=</c> <c>\ </c>; everywhere <c>\\</c> is one
/// backslash; in string values <c>\"</c> and <c>\\</c>; a backslash before any other character is
/// kept literally. A malformed line is reported and skipped; reading resumes at the next line.
/// </summary>
public ref partial struct LineProtocolReader
{
    /// <summary>Stops for a measurement name.</summary>
    private static readonly SearchValues<byte> s_measurementStops = SearchValues.Create(", \\\n"u8);

    /// <summary>Stops for a tag key, tag value or field key.</summary>
    private static readonly SearchValues<byte> s_keyStops = SearchValues.Create(",= \\\n"u8);

    /// <summary>Stops for an unquoted field value or a timestamp.</summary>
    private static readonly SearchValues<byte> s_valueStops = SearchValues.Create(", \n"u8);

    /// <summary>Stops inside a string field value.</summary>
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create("\"\\"u8);

    /// <summary>The whole request body.</summary>
    private readonly ReadOnlySpan<byte> _body;

    /// <summary>Scratch and tag/field tables, reused across lines.</summary>
    private readonly LineParserBuffers _buffers;

    /// <summary>Unit of the timestamps in the body.</summary>
    private readonly TimestampPrecision _precision;

    /// <summary>Time (ns) given to lines without a timestamp.</summary>
    private readonly long _defaultTimestamp;

    /// <summary>Offset of the next unread byte; always at a line start.</summary>
    private int _position;

    /// <summary>1-based physical line number of the line starting at <see cref="_position"/>.</summary>
    private int _lineNumber;

    /// <summary>Bytes used in the scratch buffer by the current line.</summary>
    private int _scratchLength;

    /// <summary>Tags of the current line.</summary>
    private int _tagCount;

    /// <summary>Fields of the current line.</summary>
    private int _fieldCount;

    /// <summary>The error of the current line, set by <see cref="Fail"/>.</summary>
    private LineErrorKind _errorKind;

    /// <summary>The message of the current line's error.</summary>
    private string? _errorMessage;

    /// <summary>Where to resume after the current line's error (the line ends at the next '\n' from here).</summary>
    private int _errorResume;

    /// <summary>Creates a reader over <paramref name="body"/>.</summary>
    /// <param name="body">The complete request body.</param>
    /// <param name="buffers">Working memory, reused; one per concurrent reader.</param>
    /// <param name="precision">Unit of the timestamps in the body.</param>
    /// <param name="defaultTimestamp">Nanoseconds since the epoch for lines without a timestamp (the server's clock).</param>
    public LineProtocolReader(ReadOnlySpan<byte> body, LineParserBuffers buffers, TimestampPrecision precision, long defaultTimestamp)
    {
        _body = body;
        _buffers = buffers;
        _precision = precision;
        _defaultTimestamp = defaultTimestamp;
        _position = 0;
        _lineNumber = 1;
    }

    /// <summary>Byte offset of the next unread line.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Reads the next line. <see cref="LineReadStatus.Line"/>: <paramref name="line"/> is valid until
    /// the next call. <see cref="LineReadStatus.Error"/>: <paramref name="error"/> says which line and
    /// why; call again for the following lines. <see cref="LineReadStatus.EndOfInput"/>: done.
    /// </summary>
    public LineReadStatus Read(out ParsedLine line, out LineError error)
    {
        ReadOnlySpan<byte> body = _body;
        while (true)
        {
            line = default;
            error = default;
            int p = _position;
            while (p < body.Length && (body[p] == ' ' || body[p] == '\t'))
            {
                p++;
            }

            if (p >= body.Length)
            {
                _position = body.Length;
                return LineReadStatus.EndOfInput;
            }

            byte b = body[p];
            if (b == '\n' || b == '#' || (b == '\r' && IsLineEnd(p)))
            {
                // Blank line or comment: skip through its '\n'.
                int newline = body[p..].IndexOf((byte)'\n');
                _position = newline < 0 ? body.Length : p + newline + 1;
                _lineNumber++;
                continue;
            }

            int lineStart = _position;
            int lineNumber = _lineNumber;
            _scratchLength = 0;
            _tagCount = 0;
            _fieldCount = 0;
            _errorKind = LineErrorKind.None;
            bool parsed = TryParseLine(p, out int lineEnd, out TextRange measurement, out long timestamp, out bool hasTimestamp);
            if (parsed && !CheckLine(lineStart, lineEnd))
            {
                // The whole line was read (a string value in it may span lines): resume after it.
                _errorResume = lineEnd;
                parsed = false;
            }

            if (parsed)
            {
                AdvancePast(lineStart, lineEnd);
                line = new ParsedLine(
                    body,
                    _buffers.Scratch.AsSpan(0, _scratchLength),
                    measurement,
                    _buffers.Tags.AsSpan(0, _tagCount),
                    _buffers.Fields.AsSpan(0, _fieldCount),
                    lineNumber,
                    lineStart,
                    TrimCarriageReturn(lineStart, lineEnd) - lineStart,
                    timestamp,
                    hasTimestamp);
                return LineReadStatus.Line;
            }

            int newlineAfter = body[_errorResume..].IndexOf((byte)'\n');
            int end = newlineAfter < 0 ? body.Length : _errorResume + newlineAfter;
            AdvancePast(lineStart, end);
            error = new LineError(lineNumber, lineStart, TrimCarriageReturn(lineStart, end) - lineStart, _errorKind, _errorMessage ?? "invalid line");
            return LineReadStatus.Error;
        }
    }

    /// <summary>Moves past the line ending at <paramref name="end"/> (a '\n' or the body's end), counting the newlines it held.</summary>
    private void AdvancePast(int lineStart, int end)
    {
        int next = end < _body.Length ? end + 1 : _body.Length;
        // A string value may span lines; every '\n' from the line start on is one physical line.
        _lineNumber += _body[lineStart..next].Count((byte)'\n');
        _position = next;
    }

    /// <summary>The end of a line's text: <paramref name="end"/>, less a '\r' before it.</summary>
    private readonly int TrimCarriageReturn(int lineStart, int end) =>
        end > lineStart && _body[end - 1] == '\r' ? end - 1 : end;

    /// <summary>Whether <paramref name="p"/> is the end of a line: the body's end, '\n', or '\r' before '\n' or the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool IsLineEnd(int p)
    {
        ReadOnlySpan<byte> body = _body;
        if (p >= body.Length)
        {
            return true;
        }

        byte b = body[p];
        return b == '\n' || (b == '\r' && (p + 1 == body.Length || body[p + 1] == '\n'));
    }

    /// <summary>Records the line's error; returns false so callers can <c>return Fail(...)</c>.</summary>
    private bool Fail(LineErrorKind kind, string message, int resumeFrom)
    {
        _errorKind = kind;
        _errorMessage = message;
        _errorResume = Math.Min(resumeFrom, _body.Length);
        return false;
    }

    /// <summary>
    /// Parses a line whose first non-blank byte is at <paramref name="p"/>. On success
    /// <paramref name="lineEnd"/> is the offset of its '\n' (or the body's end).
    /// </summary>
    private bool TryParseLine(int p, out int lineEnd, out TextRange measurement, out long timestamp, out bool hasTimestamp)
    {
        ReadOnlySpan<byte> body = _body;
        lineEnd = 0;
        timestamp = _defaultTimestamp;
        hasTimestamp = false;

        // Measurement.
        if (!TryScanName(ref p, s_measurementStops, NameKind.Measurement, out measurement))
        {
            return false;
        }

        if (measurement.Length == 0)
        {
            return Fail(LineErrorKind.MissingMeasurement, "missing measurement: the line starts with a comma or space", p);
        }

        // Tag set.
        if (p < body.Length && body[p] == ',')
        {
            while (true)
            {
                p++;
                if (!TryScanName(ref p, s_keyStops, NameKind.Key, out TextRange key))
                {
                    return false;
                }

                if (key.Length == 0)
                {
                    return Fail(LineErrorKind.MissingTagKey, "missing tag key", p);
                }

                if (p >= body.Length || body[p] != '=')
                {
                    return Fail(LineErrorKind.MissingTagValue, $"missing tag value: tag key {Show(key)} is not followed by '='", p);
                }

                p++;
                if (!TryScanName(ref p, s_keyStops, NameKind.Key, out TextRange value))
                {
                    return false;
                }

                if (value.Length == 0)
                {
                    return Fail(LineErrorKind.MissingTagValue, $"missing tag value for tag key {Show(key)}", p);
                }

                if (p < body.Length && body[p] == '=')
                {
                    return Fail(LineErrorKind.InvalidTagValue, $"tag value for tag key {Show(key)} contains an unescaped '=' (write it as \\=)", p);
                }

                if (_tagCount == _buffers.Tags.Length)
                {
                    _buffers.GrowTags();
                }

                _buffers.Tags[_tagCount++] = new LineTag(key, value);
                if (p < body.Length && body[p] == ',')
                {
                    continue;
                }

                break;
            }
        }

        // One or more spaces, then the field set.
        while (p < body.Length && body[p] == ' ')
        {
            p++;
        }

        if (IsLineEnd(p))
        {
            return Fail(LineErrorKind.MissingFields, "missing fields: a line needs at least one field after the measurement and tags", p);
        }

        while (true)
        {
            if (!TryScanName(ref p, s_keyStops, NameKind.Key, out TextRange key))
            {
                return false;
            }

            if (key.Length == 0)
            {
                return Fail(LineErrorKind.MissingFieldKey, "missing field key", p);
            }

            if (p >= body.Length || body[p] != '=')
            {
                return Fail(LineErrorKind.MissingFieldValue, $"missing field value: field key {Show(key)} is not followed by '='", p);
            }

            p++;
            if (!TryParseFieldValue(ref p, key))
            {
                return false;
            }

            if (p < body.Length && body[p] == ',')
            {
                p++;
                continue;
            }

            break;
        }

        // Optional timestamp after one or more spaces; trailing spaces and tabs are allowed.
        while (p < body.Length && body[p] == ' ')
        {
            p++;
        }

        if (!IsLineEnd(p))
        {
            int end = IndexOfStop(body, p, s_valueStops);
            int tokenEnd = end > p && body[end - 1] == '\r' && IsLineEnd(end) ? end - 1 : end;
            ReadOnlySpan<byte> token = body[p..tokenEnd];
            if (!LineValueParser.TryParseTimestamp(token, out long raw, out LineErrorKind kind, out string? message))
            {
                return Fail(kind, message!, p);
            }

            if (!TimestampPrecisions.TryToNanoseconds(raw, _precision, out timestamp))
            {
                return Fail(LineErrorKind.TimestampOutOfRange, $"timestamp {Show(token)} is out of range once converted to nanoseconds", p);
            }

            hasTimestamp = true;
            p = tokenEnd;
            while (p < body.Length && (body[p] == ' ' || body[p] == '\t'))
            {
                p++;
            }

            if (!IsLineEnd(p))
            {
                return Fail(LineErrorKind.TrailingText, "unexpected text after the timestamp", p);
            }
        }

        int newline = body[p..].IndexOf((byte)'\n');
        lineEnd = newline < 0 ? body.Length : p + newline;
        return true;
    }

    /// <summary>Parses the value of field <paramref name="key"/> at <paramref name="p"/> and appends the field.</summary>
    private bool TryParseFieldValue(ref int p, TextRange key)
    {
        ReadOnlySpan<byte> body = _body;
        LineField field;
        if (p < body.Length && body[p] == '"')
        {
            int open = p;
            p++;
            if (!TryScanString(ref p, out TextRange text))
            {
                return Fail(LineErrorKind.UnterminatedString, $"unterminated string value for field key {Show(key)}: missing closing '\"'", open);
            }

            // p is on the closing quote.
            p++;
            if (!IsLineEnd(p) && body[p] != ',' && body[p] != ' ')
            {
                return Fail(LineErrorKind.InvalidFieldValue, $"unexpected character after the string value of field key {Show(key)}", p);
            }

            field = new LineField(key, text);
        }
        else
        {
            int end = IndexOfStop(body, p, s_valueStops);
            int tokenEnd = end > p && body[end - 1] == '\r' && IsLineEnd(end) ? end - 1 : end;
            if (tokenEnd == p)
            {
                return Fail(LineErrorKind.MissingFieldValue, $"missing field value for field key {Show(key)}", p);
            }

            if (!LineValueParser.TryParseFieldValue(body[p..tokenEnd], out LineFieldType type, out ulong bits, out LineErrorKind kind, out string? message))
            {
                return Fail(kind, $"{message} for field key {Show(key)}", p);
            }

            field = new LineField(key, type, bits);
            p = tokenEnd;
        }

        if (_fieldCount == _buffers.Fields.Length)
        {
            _buffers.GrowFields();
        }

        _buffers.Fields[_fieldCount++] = field;
        return true;
    }

    /// <summary>Bytes for an error message.</summary>
    private static string Show(ReadOnlySpan<byte> bytes) => LineValueParser.Show(bytes);

    /// <summary>Which escapes a name accepts.</summary>
    private enum NameKind : byte
    {
        /// <summary>Measurement: <c>\,</c> <c>\ </c> <c>\\</c>.</summary>
        Measurement,
        /// <summary>Tag key, tag value, field key: also <c>\=</c>.</summary>
        Key,
    }
}
