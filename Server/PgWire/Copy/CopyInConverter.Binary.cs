using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire.Copy;

/// <summary>
/// COPY table FROM STDIN (FORMAT binary): PostgreSQL's binary copy file — the 11-byte signature,
/// an int32 flags word (bit 16 = OIDs, refused; other bits 17-31 are critical and refused), an
/// int32 header-extension length and that many bytes skipped, then tuples (int16 field count, each
/// field an int32 length, -1 for NULL, and that many bytes in the column type's binary send
/// format) up to the int16 -1 trailer. Each value is read as the target column's type, as
/// PostgreSQL's COPY does (timestamptz: int64 microseconds since 2000-01-01; float8, int8, bool;
/// text and tags: UTF-8; numeric for unsigned fields), and written straight into line protocol
/// bytes without an intermediate string per value.
/// </summary>
internal sealed partial class CopyInConverter
{
    /// <summary>Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01.</summary>
    private const long PostgresEpochMicros = 946_684_800_000_000;

    /// <summary>Reused per tuple: each column's value offset in the input, -1 for NULL.</summary>
    private int[]? _valueStarts;

    /// <summary>Reused per tuple: each column's value length.</summary>
    private int[]? _valueLengths;

    /// <summary>The table name in UTF-8, made once per COPY.</summary>
    private byte[]? _tableUtf8;

    /// <summary>Each column's name in UTF-8, made once per COPY.</summary>
    private byte[][]? _columnNamesUtf8;

    /// <summary>Converts the whole binary COPY input (every byte the client sent).</summary>
    /// <exception cref="SqlException">22P04 for a malformed file, 22P03 for a malformed value.</exception>
    public void ConvertBinary(ReadOnlySpan<byte> data)
    {
        int position = ReadBinaryHeader(data);
        _valueStarts ??= new int[_columns.Length];
        _valueLengths ??= new int[_columns.Length];
        _tableUtf8 ??= Encoding.UTF8.GetBytes(_table);
        if (_columnNamesUtf8 is null)
        {
            _columnNamesUtf8 = new byte[_columns.Length][];
            for (int c = 0; c < _columns.Length; c++)
            {
                _columnNamesUtf8[c] = Encoding.UTF8.GetBytes(_columns[c].Name);
            }
        }
        long tuple = 0;
        while (true)
        {
            if (data.Length - position < 2)
            {
                throw BadFile("unexpected EOF in COPY data", tuple + 1);
            }

            short count = BinaryPrimitives.ReadInt16BigEndian(data[position..]);
            position += 2;
            if (count == -1)
            {
                if (position != data.Length)
                {
                    throw BadFile("received copy data after EOF marker", tuple + 1);
                }

                return;
            }

            tuple++;
            if (count != _columns.Length)
            {
                throw BadFile($"row field count is {count}, expected {_columns.Length}", tuple);
            }

            for (int c = 0; c < _columns.Length; c++)
            {
                if (data.Length - position < 4)
                {
                    throw BadFile("unexpected EOF in COPY data", tuple);
                }

                int length = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
                position += 4;
                if (length == -1)
                {
                    _valueStarts[c] = -1;
                    continue;
                }

                if (length < 0)
                {
                    throw BadFile("invalid field size", tuple);
                }

                if (data.Length - position < length)
                {
                    throw BadFile("unexpected EOF in COPY data", tuple);
                }

                _valueStarts[c] = position;
                _valueLengths[c] = length;
                position += length;
            }

            AppendBinaryRow(data, tuple);
        }
    }

    /// <summary>Checks the signature, flags and header extension; returns where the first tuple starts.</summary>
    private static int ReadBinaryHeader(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        if (!data.StartsWith(signature))
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "COPY file signature not recognized");
        }

        if (data.Length < signature.Length + 4)
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "invalid COPY file header (missing flags)");
        }

        int flags = BinaryPrimitives.ReadInt32BigEndian(data[signature.Length..]);
        if ((flags & (1 << 16)) != 0)
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "invalid COPY file header (WITH OIDS)");
        }

        if ((flags & unchecked((int)0xFFFF0000)) != 0)
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "unrecognized critical flags in COPY file header");
        }

        int position = signature.Length + 4;
        if (data.Length - position < 4)
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "invalid COPY file header (missing length)");
        }

        int extension = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
        position += 4;
        if (extension < 0 || data.Length - position < extension)
        {
            throw new SqlException(SqlState.BadCopyFileFormat, "invalid COPY file header (wrong length)");
        }

        return position + extension;
    }

    /// <summary>Appends the current tuple (values located by <see cref="_valueStarts"/>) as one line of line protocol.</summary>
    private void AppendBinaryRow(ReadOnlySpan<byte> data, long tuple)
    {
        int[] starts = _valueStarts!;
        int[] lengths = _valueLengths!;
        byte[][] names = _columnNamesUtf8!;
        WriteEscaped(_tableUtf8, ", "u8);
        long? time = null;
        for (int c = 0; c < _columns.Length; c++)
        {
            Field column = _columns[c];
            if (column.Role == ColumnRole.Time)
            {
                time = starts[c] < 0
                    ? throw new SqlException(SqlState.NotNullViolation, $"null value in column \"{column.Name}\" of relation \"{_table}\" violates not-null constraint", detail: $"COPY {_table}, line {tuple}")
                    : TimestampNanoseconds(data.Slice(starts[c], lengths[c]), column, tuple);
            }
            else if (column.Role == ColumnRole.Tag && starts[c] >= 0)
            {
                ReadOnlySpan<byte> value = Utf8Value(data.Slice(starts[c], lengths[c]), column, tuple);
                if (value.IsEmpty)
                {
                    throw SqlException.NotSupported($"empty tag values (COPY {_table}, line {tuple}, column {column.Name})");
                }

                WriteByte((byte)',');
                WriteEscaped(names[c], ",= "u8);
                WriteByte((byte)'=');
                WriteEscaped(value, ",= "u8);
            }
        }

        bool first = true;
        for (int c = 0; c < _columns.Length; c++)
        {
            Field column = _columns[c];
            if (column.Role is ColumnRole.Time or ColumnRole.Tag || starts[c] < 0)
            {
                continue;
            }

            WriteByte(first ? (byte)' ' : (byte)',');
            first = false;
            WriteEscaped(names[c], ",= "u8);
            WriteByte((byte)'=');
            ReadOnlySpan<byte> value = data.Slice(starts[c], lengths[c]);
            switch (column.Type)
            {
                case DataType.Float64:
                    WriteFormatted(BinaryPrimitives.ReadDoubleBigEndian(Fixed(value, 8, column, tuple)), null);
                    break;
                case DataType.Int64:
                    WriteFormatted(BinaryPrimitives.ReadInt64BigEndian(Fixed(value, 8, column, tuple)), null);
                    WriteByte((byte)'i');
                    break;
                case DataType.UInt64:
                    WriteFormatted(UnsignedFromNumeric(value, column, tuple), null);
                    WriteByte((byte)'u');
                    break;
                case DataType.Boolean:
                    byte flag = Fixed(value, 1, column, tuple)[0];
                    WriteBytes(flag != 0 ? "true"u8 : "false"u8);
                    break;
                case DataType.Utf8:
                    WriteByte((byte)'"');
                    WriteEscaped(Utf8Value(value, column, tuple), "\"\\"u8);
                    WriteByte((byte)'"');
                    break;
                default:
                    throw SqlException.NotSupported($"binary COPY into a column of type {column.Type} (COPY {_table}, column {column.Name})");
            }
        }

        if (first)
        {
            throw SqlException.NotSupported($"rows whose every field is NULL (COPY {_table}, line {tuple}): a point needs at least one field");
        }

        if (time is { } t)
        {
            WriteByte((byte)' ');
            WriteFormatted(t, null);
        }

        WriteByte((byte)'\n');
        Rows++;
    }

    /// <summary>A timestamptz value (int64 microseconds since 2000-01-01) as nanoseconds since the Unix epoch; 22008 for infinity or out of range.</summary>
    private long TimestampNanoseconds(ReadOnlySpan<byte> value, Field column, long tuple)
    {
        long micros = BinaryPrimitives.ReadInt64BigEndian(Fixed(value, 8, column, tuple));
        long unixMicros = micros + PostgresEpochMicros;
        if (micros is long.MaxValue or long.MinValue || unixMicros > long.MaxValue / 1000 || unixMicros < long.MinValue / 1000)
        {
            throw new SqlException(SqlState.DatetimeFieldOverflow, "timestamp out of range", detail: $"COPY {_table}, line {tuple}, column {column.Name}");
        }

        return unixMicros * 1000;
    }

    /// <summary>A numeric value (ndigits, weight, sign, dscale, base-10000 digits) as an unsigned 64-bit integer; 22003 when negative, fractional or too large.</summary>
    private ulong UnsignedFromNumeric(ReadOnlySpan<byte> value, Field column, long tuple)
    {
        if (value.Length < 8)
        {
            throw BadValue("numeric", column, tuple);
        }

        int digits = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        ushort sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        if (digits < 0 || value.Length != 8 + (digits * 2) || sign is not (0x0000 or 0x4000 or 0xC000))
        {
            throw BadValue("numeric", column, tuple);
        }

        UInt128 result = 0;
        bool outOfRange = sign == 0xC000;
        for (int i = 0; i < digits && !outOfRange; i++)
        {
            ushort digit = BinaryPrimitives.ReadUInt16BigEndian(value[(8 + (i * 2))..]);
            if (digit >= 10000)
            {
                throw BadValue("numeric", column, tuple);
            }

            if (i > weight)
            {
                // A base-10000 digit after the point: only zeros keep it an integer.
                outOfRange = digit != 0;
                continue;
            }

            result = (result * 10000) + digit;
            outOfRange = result > ulong.MaxValue;
        }

        // Digits not sent before the point are zeros (the weight says how many).
        for (int i = digits; i <= weight && !outOfRange; i++)
        {
            result *= 10000;
            outOfRange = result > ulong.MaxValue;
        }

        if (outOfRange || (sign == 0x4000 && result != 0))
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, "value is out of range for an unsigned field", detail: $"COPY {_table}, line {tuple}, column {column.Name}");
        }

        return (ulong)result;
    }

    /// <summary>A value that must be exactly <paramref name="size"/> bytes (22P03 otherwise, as PostgreSQL's receive functions).</summary>
    private ReadOnlySpan<byte> Fixed(ReadOnlySpan<byte> value, int size, Field column, long tuple) =>
        value.Length == size ? value : throw BadValue(column.Type.ToString(), column, tuple);

    /// <summary>A text value, checked to be UTF-8 (22021 otherwise).</summary>
    private ReadOnlySpan<byte> Utf8Value(ReadOnlySpan<byte> value, Field column, long tuple) =>
        Utf8.IsValid(value)
            ? value
            : throw new SqlException(SqlState.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\"", detail: $"COPY {_table}, line {tuple}, column {column.Name}");

    /// <summary>22P03 for a value whose bytes do not fit its column's binary format.</summary>
    private SqlException BadValue(string type, Field column, long tuple) =>
        new(SqlState.InvalidBinaryRepresentation, $"incorrect binary data format for {type}", detail: $"COPY {_table}, line {tuple}, column {column.Name}");

    /// <summary>22P04 with the tuple it happened at.</summary>
    private SqlException BadFile(string message, long tuple) =>
        new(SqlState.BadCopyFileFormat, message, detail: $"COPY {_table}, line {tuple}");

    /// <summary>Appends one byte of line protocol.</summary>
    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    /// <summary>Appends bytes of line protocol.</summary>
    private void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>Appends a number in invariant, round-trippable form.</summary>
    private void WriteFormatted<T>(T value, string? format)
        where T : IUtf8SpanFormattable
    {
        Span<byte> span = _output.GetSpan(32);
        if (!value.TryFormat(span, out int written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("a number did not fit 32 bytes");
        }

        _output.Advance(written);
    }

    /// <summary>Appends <paramref name="data"/> with a backslash before each byte of <paramref name="special"/> (all ASCII, so UTF-8 sequences pass untouched).</summary>
    private void WriteEscaped(ReadOnlySpan<byte> data, ReadOnlySpan<byte> special)
    {
        while (!data.IsEmpty)
        {
            int next = data.IndexOfAny(special);
            if (next < 0)
            {
                WriteBytes(data);
                return;
            }

            WriteBytes(data[..next]);
            WriteByte((byte)'\\');
            WriteByte(data[next]);
            data = data[(next + 1)..];
        }
    }
}
