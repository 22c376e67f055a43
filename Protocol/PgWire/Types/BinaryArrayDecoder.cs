using System.Buffers.Binary;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Protocol.PgWire.Types;

/// <summary>
/// PostgreSQL's array_recv for bind parameters: int32 ndim, int32 flags (has-null, 0 or 1), int32
/// element OID, then per dimension int32 size and int32 lower bound, then per element an int32
/// length (-1 for NULL) and that many bytes of the element's own binary form, decoded by
/// <see cref="BinaryValueDecoder"/>. IOx.Pg arrays are one-dimensional with lower bound 1, so more
/// dimensions and other lower bounds are reported as such rather than silently reshaped.
/// Bind parameters are per message, not per row: boxing each element here is fine.
/// </summary>
public static class BinaryArrayDecoder
{
    /// <summary>PostgreSQL's MAXDIM.</summary>
    public const int MaxDimensions = 6;

    /// <summary>
    /// Decodes <paramref name="bytes"/> as an array whose elements are <paramref name="elementType"/>
    /// sent as <paramref name="elementOid"/>. On success <paramref name="values"/> holds the boxed
    /// elements (null for NULL) and the result is <see cref="BinaryArrayResult.Ok"/>;
    /// <paramref name="detail"/> is the offending number (dimensions, element position) otherwise.
    /// </summary>
    public static BinaryArrayResult TryDecode(DataType elementType, int elementOid, ReadOnlySpan<byte> bytes, out object?[] values, out int detail)
    {
        values = [];
        detail = 0;
        if (bytes.Length < 12)
        {
            return BinaryArrayResult.InsufficientData;
        }

        int dimensions = BinaryPrimitives.ReadInt32BigEndian(bytes);
        int flags = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        int sentElementOid = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        detail = dimensions;

        // The checks in array_recv's order, so the first problem reported is PostgreSQL's.
        if (dimensions > MaxDimensions)
        {
            return BinaryArrayResult.TooManyDimensions;
        }

        if (dimensions < 0)
        {
            return BinaryArrayResult.InvalidDimensions;
        }

        if (flags is not (0 or 1))
        {
            return BinaryArrayResult.InvalidFlags;
        }

        if (sentElementOid != elementOid)
        {
            return BinaryArrayResult.WrongElementType;
        }

        if (bytes.Length < 12 + (8 * dimensions))
        {
            return BinaryArrayResult.InsufficientData;
        }

        long count = dimensions == 0 ? 0 : 1;
        for (int d = 0; d < dimensions; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(bytes[(12 + (8 * d))..]);
            int lowerBound = BinaryPrimitives.ReadInt32BigEndian(bytes[(16 + (8 * d))..]);
            if (size < 0 || (size > 0 && lowerBound > int.MaxValue - size))
            {
                return BinaryArrayResult.OutOfRange;
            }

            count *= size;
            if (count > int.MaxValue / 8)
            {
                return BinaryArrayResult.OutOfRange;
            }

            if (size > 0 && lowerBound != 1 && dimensions == 1)
            {
                detail = lowerBound;
                return BinaryArrayResult.LowerBoundNotOne;
            }
        }

        if (count == 0)
        {
            // array_recv answers an empty array for zero elements whatever the dimensions said.
            return bytes.Length == 12 + (8 * dimensions) ? BinaryArrayResult.Ok : BinaryArrayResult.TrailingBytes;
        }

        if (dimensions > 1)
        {
            return BinaryArrayResult.Multidimensional;
        }

        var decoded = new object?[count];
        int offset = 12 + (8 * dimensions);
        for (int i = 0; i < decoded.Length; i++)
        {
            if (bytes.Length - offset < 4)
            {
                return BinaryArrayResult.InsufficientData;
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(bytes[offset..]);
            offset += 4;
            if (length == -1)
            {
                continue;
            }

            if (length < -1 || length > bytes.Length - offset)
            {
                return BinaryArrayResult.InsufficientData;
            }

            if (!BinaryValueDecoder.TryDecode(elementType, bytes.Slice(offset, length), out decoded[i]))
            {
                detail = i + 1;
                return BinaryArrayResult.BadElement;
            }

            offset += length;
        }

        if (offset != bytes.Length)
        {
            return BinaryArrayResult.TrailingBytes;
        }

        values = decoded;
        return BinaryArrayResult.Ok;
    }
}
