using System.Buffers.Binary;
using System.Text;

namespace IOx.Pg.Storage.Parquet.Thrift;

/// <summary>
/// Writes the Thrift compact protocol into a growable buffer. Field headers carry the id as a
/// delta from the previous field of the same struct when it fits in 4 bits, so callers must write
/// a struct's fields in increasing id order (which the generated-code convention also does).
/// Structs nest with <see cref="BeginStruct"/>/<see cref="EndStruct"/>; list elements are written
/// with the element methods (no field header).
/// </summary>
public sealed class ThriftCompactWriter
{
    /// <summary>Output bytes; the first <see cref="_length"/> are written.</summary>
    private byte[] _buffer;

    /// <summary>Bytes written.</summary>
    private int _length;

    /// <summary>Id of the last field written in the current struct (0 at struct start).</summary>
    private short _lastFieldId;

    /// <summary>The enclosing structs' last field ids, restored by <see cref="EndStruct"/>.</summary>
    private readonly Stack<short> _fieldIdStack = new();

    /// <summary>Creates a writer with an initial capacity.</summary>
    public ThriftCompactWriter(int capacity = 256) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _length);

    /// <summary>Number of bytes written.</summary>
    public int Length => _length;

    /// <summary>Forgets everything written.</summary>
    public void Reset()
    {
        _length = 0;
        _lastFieldId = 0;
        _fieldIdStack.Clear();
    }

    /// <summary>Starts a struct: its field ids count from 0 again.</summary>
    public void BeginStruct()
    {
        _fieldIdStack.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Ends a struct: writes Stop and restores the enclosing struct's field id.</summary>
    public void EndStruct()
    {
        WriteRawByte((byte)ThriftType.Stop);
        _lastFieldId = _fieldIdStack.Pop();
    }

    /// <summary>Writes a field header for a field of <paramref name="type"/>.</summary>
    public void WriteFieldHeader(short id, ThriftType type)
    {
        int delta = id - _lastFieldId;
        if (delta > 0 && delta <= 15)
        {
            WriteRawByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteRawByte((byte)type);
            WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    /// <summary>Writes a boolean field (the value lives in the header's type code).</summary>
    public void WriteBoolField(short id, bool value) => WriteFieldHeader(id, value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse);

    /// <summary>Writes an i8 field.</summary>
    public void WriteByteField(short id, sbyte value)
    {
        WriteFieldHeader(id, ThriftType.Byte);
        WriteRawByte((byte)value);
    }

    /// <summary>Writes an i16 field.</summary>
    public void WriteI16Field(short id, short value)
    {
        WriteFieldHeader(id, ThriftType.I16);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes an i32 field.</summary>
    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, ThriftType.I32);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes an i64 field.</summary>
    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, ThriftType.I64);
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes a double field.</summary>
    public void WriteDoubleField(short id, double value)
    {
        WriteFieldHeader(id, ThriftType.Double);
        WriteDouble(value);
    }

    /// <summary>Writes a binary field.</summary>
    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, ThriftType.Binary);
        WriteBinary(value);
    }

    /// <summary>Writes a string field (UTF-8).</summary>
    public void WriteStringField(short id, string value)
    {
        WriteFieldHeader(id, ThriftType.Binary);
        WriteString(value);
    }

    /// <summary>Writes a struct field's header and begins the struct; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        WriteFieldHeader(id, ThriftType.Struct);
        BeginStruct();
    }

    /// <summary>Writes a list field's header; the <paramref name="count"/> elements follow.</summary>
    public void BeginListField(short id, ThriftType elementType, int count)
    {
        WriteFieldHeader(id, ThriftType.List);
        WriteListHeader(elementType, count);
    }

    /// <summary>Writes a list header (no field header).</summary>
    public void WriteListHeader(ThriftType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteRawByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteRawByte((byte)(0xF0 | (byte)elementType));
            WriteVarint((uint)count);
        }
    }

    /// <summary>Writes an i32 list element.</summary>
    public void WriteI32(int value) => WriteVarint(ZigZag(value));

    /// <summary>Writes an i64 list element.</summary>
    public void WriteI64(long value) => WriteVarint(ZigZag(value));

    /// <summary>Writes a boolean list element (1 = true, 2 = false, as Thrift's own writers do).</summary>
    public void WriteBool(bool value) => WriteRawByte(value ? (byte)1 : (byte)2);

    /// <summary>Writes a double list element.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        WriteRaw(bytes);
    }

    /// <summary>Writes a binary list element: varint length, bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a string list element (UTF-8).</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        WriteVarint((uint)Encoding.UTF8.GetByteCount(value));
        Ensure(max);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    /// <summary>Zigzag-maps a signed value so small magnitudes have short varints.</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Appends raw bytes.</summary>
    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends one raw byte.</summary>
    private void WriteRawByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes.</summary>
    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + bytes, _buffer.Length * 2));
        }
    }
}
