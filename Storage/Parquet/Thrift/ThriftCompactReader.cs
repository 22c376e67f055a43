using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IOx.Pg.Storage.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span. Every read is bounds-checked and every length
/// validated against the bytes left, so malformed input raises <see cref="ThriftProtocolException"/>
/// and never reads out of range or loops forever. Unknown fields are skipped with
/// <see cref="Skip"/> (files from other writers carry fields we do not model); nesting is limited
/// to <see cref="MaxDepth"/> so hostile input cannot overflow the stack.
/// </summary>
public ref struct ThriftCompactReader
{
    /// <summary>Deepest struct/list nesting accepted; parquet.thrift needs well under 10.</summary>
    public const int MaxDepth = 64;

    /// <summary>The input.</summary>
    private readonly ReadOnlySpan<byte> _buffer;

    /// <summary>Next byte to read.</summary>
    private int _position;

    /// <summary>Id of the last field read in the current struct.</summary>
    private short _lastFieldId;

    /// <summary>Value of the boolean field whose header was just read (compact puts it in the type code).</summary>
    private bool _pendingBool;

    /// <summary>Current struct/list nesting depth.</summary>
    private int _depth;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public ThriftCompactReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
        _lastFieldId = 0;
        _pendingBool = false;
        _depth = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Starts reading a struct; pass the returned token to <see cref="EndStruct"/>.</summary>
    public short BeginStruct()
    {
        if (++_depth > MaxDepth)
        {
            Throw("structures nested too deeply");
        }

        short saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    /// <summary>Ends a struct (after <see cref="ReadFieldHeader"/> returned false).</summary>
    public void EndStruct(short token)
    {
        _depth--;
        _lastFieldId = token;
    }

    /// <summary>Reads the next field header; false at the struct's Stop.</summary>
    public bool ReadFieldHeader(out short fieldId, out ThriftType type)
    {
        byte header = ReadRawByte();
        if (header == 0)
        {
            fieldId = 0;
            type = ThriftType.Stop;
            return false;
        }

        type = (ThriftType)(header & 0x0F);
        if (type > ThriftType.Struct)
        {
            Throw($"unknown field type code {(int)type}");
        }

        int delta = header >> 4;
        if (delta == 0)
        {
            long id = UnZigZag(ReadVarint());
            if (id < short.MinValue || id > short.MaxValue)
            {
                Throw("field id out of range");
            }

            fieldId = (short)id;
        }
        else
        {
            fieldId = (short)(_lastFieldId + delta);
        }

        _lastFieldId = fieldId;
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            _pendingBool = type == ThriftType.BooleanTrue;
        }

        return true;
    }

    /// <summary>Reads a boolean field's value (from its header) given the header's type.</summary>
    public bool ReadBool(ThriftType fieldType)
    {
        if (fieldType is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            return _pendingBool;
        }

        Throw($"expected a boolean, found type {fieldType}");
        return false;
    }

    /// <summary>Reads a boolean list element (one byte: 1 = true; writers use 0 or 2 for false).</summary>
    public bool ReadBoolElement() => ReadRawByte() == 1;

    /// <summary>Reads an i8.</summary>
    public sbyte ReadByte() => (sbyte)ReadRawByte();

    /// <summary>Reads an i16.</summary>
    public short ReadI16()
    {
        long value = UnZigZag(ReadVarint());
        if (value < short.MinValue || value > short.MaxValue)
        {
            Throw("i16 out of range");
        }

        return (short)value;
    }

    /// <summary>Reads an i32.</summary>
    public int ReadI32()
    {
        long value = UnZigZag(ReadVarint());
        if (value < int.MinValue || value > int.MaxValue)
        {
            Throw("i32 out of range");
        }

        return (int)value;
    }

    /// <summary>Reads an i64.</summary>
    public long ReadI64() => UnZigZag(ReadVarint());

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadRaw(8));

    /// <summary>Reads a binary value (a view into the input, not a copy).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            Throw($"binary length {length} runs past the end of the input");
        }

        return ReadRaw((int)length);
    }

    /// <summary>Reads a string (UTF-8).</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a list (or set) header; the element count is checked against the bytes left.</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        byte header = ReadRawByte();
        elementType = (ThriftType)(header & 0x0F);
        if (elementType > ThriftType.Struct || elementType == ThriftType.Stop)
        {
            Throw($"unknown list element type code {(int)elementType}");
        }

        ulong count = (ulong)(header >> 4);
        if (count == 15)
        {
            count = ReadVarint();
        }

        // Every element takes at least one byte, so a larger count is certainly corrupt.
        if (count > (ulong)(_buffer.Length - _position))
        {
            Throw($"list of {count} elements cannot fit in the {_buffer.Length - _position} bytes left");
        }

        return (int)count;
    }

    /// <summary>Skips a value of <paramref name="type"/> (an unknown field or list element).</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BooleanTrue:
            case ThriftType.BooleanFalse:
                // A field's boolean lives in its header; nothing follows.
                break;
            case ThriftType.Byte:
                ReadRawByte();
                break;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64:
                ReadVarint();
                break;
            case ThriftType.Double:
                ReadRaw(8);
                break;
            case ThriftType.Binary:
                ReadBinary();
                break;
            case ThriftType.List:
            case ThriftType.Set:
                SkipList();
                break;
            case ThriftType.Map:
                SkipMap();
                break;
            case ThriftType.Struct:
                SkipStruct();
                break;
            default:
                Throw($"cannot skip type code {(int)type}");
                break;
        }
    }

    /// <summary>Skips a whole struct.</summary>
    public void SkipStruct()
    {
        short token = BeginStruct();
        while (ReadFieldHeader(out _, out ThriftType type))
        {
            Skip(type);
        }

        EndStruct(token);
    }

    /// <summary>Skips a list's elements (booleans in lists are one byte each).</summary>
    private void SkipList()
    {
        if (++_depth > MaxDepth)
        {
            Throw("structures nested too deeply");
        }

        int count = ReadListHeader(out ThriftType elementType);
        for (int i = 0; i < count; i++)
        {
            SkipElement(elementType);
        }

        _depth--;
    }

    /// <summary>Skips a map's entries.</summary>
    private void SkipMap()
    {
        if (++_depth > MaxDepth)
        {
            Throw("structures nested too deeply");
        }

        ulong count = ReadVarint();
        if (count > 0)
        {
            if (count > (ulong)(_buffer.Length - _position))
            {
                Throw($"map of {count} entries cannot fit in the bytes left");
            }

            byte types = ReadRawByte();
            var keyType = (ThriftType)(types >> 4);
            var valueType = (ThriftType)(types & 0x0F);
            for (ulong i = 0; i < count; i++)
            {
                SkipElement(keyType);
                SkipElement(valueType);
            }
        }

        _depth--;
    }

    /// <summary>Skips one element of a list or map, where booleans take a byte.</summary>
    private void SkipElement(ThriftType type)
    {
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
        {
            ReadRawByte();
        }
        else
        {
            Skip(type);
        }
    }

    /// <summary>Reads an unsigned LEB128 varint of at most 10 bytes.</summary>
    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadRawByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        Throw("varint longer than 10 bytes");
        return 0;
    }

    /// <summary>Inverts <see cref="ThriftCompactWriter.ZigZag"/>.</summary>
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Reads one byte.</summary>
    private byte ReadRawByte()
    {
        if (_position >= _buffer.Length)
        {
            Throw("unexpected end of input");
        }

        return _buffer[_position++];
    }

    /// <summary>Reads <paramref name="count"/> bytes.</summary>
    private ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count > _buffer.Length - _position)
        {
            Throw("unexpected end of input");
        }

        ReadOnlySpan<byte> bytes = _buffer.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>Throws the protocol error for the current position.</summary>
    [DoesNotReturn]
    private readonly void Throw(string message) =>
        throw new ThriftProtocolException($"Thrift compact protocol: {message} (at byte {_position})");
}
