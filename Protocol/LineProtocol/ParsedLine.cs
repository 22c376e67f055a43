using System.Runtime.CompilerServices;

namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>
/// One valid line, as <see cref="LineProtocolReader.Read"/> returns it: measurement, tags, fields
/// (keys and string values unescaped) and the timestamp in nanoseconds. It views the request body
/// and the reader's scratch buffers, so it is valid only until the next call to Read.
/// Invariants: at least one field; no key repeats among tags and fields; no key is <c>time</c>;
/// every key and string is valid UTF-8.
/// </summary>
public readonly ref struct ParsedLine
{
    /// <summary>The request body.</summary>
    private readonly ReadOnlySpan<byte> _body;

    /// <summary>The scratch bytes holding unescaped tokens.</summary>
    private readonly ReadOnlySpan<byte> _scratch;

    /// <summary>The tags, in line order.</summary>
    private readonly ReadOnlySpan<LineTag> _tags;

    /// <summary>The fields, in line order.</summary>
    private readonly ReadOnlySpan<LineField> _fields;

    /// <summary>The measurement name.</summary>
    private readonly TextRange _measurement;

    /// <summary>Creates a line view.</summary>
    internal ParsedLine(
        ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> scratch,
        TextRange measurement,
        ReadOnlySpan<LineTag> tags,
        ReadOnlySpan<LineField> fields,
        int lineNumber,
        int lineStart,
        int lineLength,
        long timestamp,
        bool hasTimestamp)
    {
        _body = body;
        _scratch = scratch;
        _measurement = measurement;
        _tags = tags;
        _fields = fields;
        LineNumber = lineNumber;
        LineStart = lineStart;
        LineLength = lineLength;
        Timestamp = timestamp;
        HasTimestamp = hasTimestamp;
    }

    /// <summary>1-based physical line number in the body.</summary>
    public int LineNumber { get; }

    /// <summary>Byte offset of the line in the body.</summary>
    public int LineStart { get; }

    /// <summary>Length of the line in bytes, without its terminator.</summary>
    public int LineLength { get; }

    /// <summary>The line as written.</summary>
    public ReadOnlySpan<byte> Text => _body.Slice(LineStart, LineLength);

    /// <summary>The unescaped measurement (table) name.</summary>
    public ReadOnlySpan<byte> Measurement => _measurement.Resolve(_body, _scratch);

    /// <summary>Time in nanoseconds since the epoch (UTC): the line's own, converted, or the server time passed to the reader.</summary>
    public long Timestamp { get; }

    /// <summary>Whether the line carried a timestamp.</summary>
    public bool HasTimestamp { get; }

    /// <summary>Number of tags.</summary>
    public int TagCount => _tags.Length;

    /// <summary>Number of fields (at least one).</summary>
    public int FieldCount => _fields.Length;

    /// <summary>The unescaped key of tag <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> TagKey(int index) => _tags[index].Key.Resolve(_body, _scratch);

    /// <summary>The unescaped value of tag <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> TagValue(int index) => _tags[index].Value.Resolve(_body, _scratch);

    /// <summary>The unescaped key of field <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> FieldKey(int index) => _fields[index].Key.Resolve(_body, _scratch);

    /// <summary>The type of field <paramref name="index"/>.</summary>
    public LineFieldType FieldType(int index) => _fields[index].Type;

    /// <summary>The value of float field <paramref name="index"/>.</summary>
    public double FieldDouble(int index) => BitConverter.UInt64BitsToDouble(Expect(index, LineFieldType.Float));

    /// <summary>The value of integer field <paramref name="index"/>.</summary>
    public long FieldInt64(int index) => unchecked((long)Expect(index, LineFieldType.Integer));

    /// <summary>The value of unsigned field <paramref name="index"/>.</summary>
    public ulong FieldUInt64(int index) => Expect(index, LineFieldType.UInteger);

    /// <summary>The value of boolean field <paramref name="index"/>.</summary>
    public bool FieldBoolean(int index) => Expect(index, LineFieldType.Boolean) != 0;

    /// <summary>The unescaped UTF-8 value of string field <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> FieldString(int index)
    {
        ref readonly LineField field = ref _fields[index];
        if (field.Type != LineFieldType.String)
        {
            ThrowWrongType(field.Type, LineFieldType.String);
        }

        return field.Text.Resolve(_body, _scratch);
    }

    /// <summary>The raw bits of field <paramref name="index"/>, which must have type <paramref name="type"/>.</summary>
    private ulong Expect(int index, LineFieldType type)
    {
        ref readonly LineField field = ref _fields[index];
        if (field.Type != type)
        {
            ThrowWrongType(field.Type, type);
        }

        return field.Bits;
    }

    /// <summary>A caller asked for a value as the wrong type: a bug in the caller.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowWrongType(LineFieldType actual, LineFieldType asked) =>
        throw new InvalidOperationException($"field is {actual}, not {asked}");
}
