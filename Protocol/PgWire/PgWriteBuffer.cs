using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace IOx.Pg.Protocol.PgWire;

/// <summary>
/// The send buffer backend messages are written into: a growable array rented from the shared
/// pool, with big-endian integer writers and length back-patching. A message is framed by
/// <see cref="StartMessage"/> (code + 4 reserved length bytes) and <see cref="EndMessage"/>
/// (patches the length); <see cref="AbortMessage"/> drops an unfinished one, so an error raised
/// while a message is being built never leaves half a message on the wire. Not thread-safe.
/// </summary>
public sealed class PgWriteBuffer : IDisposable
{
    /// <summary>The rented buffer; bytes [0, _length) are written.</summary>
    private byte[] _buffer;

    /// <summary>Number of bytes written.</summary>
    private int _length;

    /// <summary>Offset of the length field of the message being built, or -1 between messages.</summary>
    private int _messageStart = -1;

    /// <summary>Creates a buffer with at least <paramref name="initialCapacity"/> bytes.</summary>
    public PgWriteBuffer(int initialCapacity = 8192) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Number of bytes written and not yet cleared.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _length);

    /// <summary>The bytes written so far, as memory (valid until the next write or clear).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _length);

    /// <summary>Whether a message has been started and not ended.</summary>
    public bool InMessage => _messageStart >= 0;

    /// <summary>Forgets everything written (after it was sent). Must not be inside a message.</summary>
    public void Clear()
    {
        _length = 0;
        _messageStart = -1;
    }

    /// <summary>Starts a message with type byte <paramref name="code"/>; its length is patched by <see cref="EndMessage"/>.</summary>
    public void StartMessage(byte code)
    {
        if (_messageStart >= 0)
        {
            throw new InvalidOperationException("a message is already being written");
        }

        Span<byte> span = GetSpan(5);
        span[0] = code;
        _messageStart = _length + 1;
        _length += 5;
    }

    /// <summary>Ends the current message: writes its length (which counts itself but not the type byte).</summary>
    public void EndMessage()
    {
        if (_messageStart < 0)
        {
            throw new InvalidOperationException("no message is being written");
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_messageStart), _length - _messageStart);
        _messageStart = -1;
    }

    /// <summary>Drops the message being built, if any, keeping every complete message before it.</summary>
    public void AbortMessage()
    {
        if (_messageStart >= 0)
        {
            _length = _messageStart - 1;
            _messageStart = -1;
        }
    }

    /// <summary>A writable span of at least <paramref name="sizeHint"/> bytes at the end; commit with <see cref="Advance"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_buffer.Length - _length < sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _length += count;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    /// <summary>Writes a big-endian int16.</summary>
    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        _length += 2;
    }

    /// <summary>Writes a big-endian int32.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _length += 4;
    }

    /// <summary>Writes a big-endian int64.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        _length += 8;
    }

    /// <summary>Writes raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _length += value.Length;
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 without a terminator.</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        _length += Encoding.UTF8.GetBytes(value, GetSpan(max));
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 followed by a NUL (a protocol "String").</summary>
    public void WriteCString(string value)
    {
        WriteString(value);
        WriteByte(0);
    }

    /// <summary>Writes UTF-8 bytes followed by a NUL.</summary>
    public void WriteCString(ReadOnlySpan<byte> utf8)
    {
        WriteBytes(utf8);
        WriteByte(0);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Slow path: rents a larger buffer and copies what was written.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        long wanted = Math.Max((long)_length + sizeHint, (long)_buffer.Length * 2);
        if (wanted > Array.MaxLength)
        {
            wanted = (long)_length + sizeHint;
            if (wanted > Array.MaxLength)
            {
                throw new InvalidOperationException("send buffer exceeds the largest array");
            }
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent((int)wanted);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
