using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.Text;
using StorageBuffer = IOx.Pg.Storage.WriteBuffer.WriteBuffer;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Turns the parameter values of a Bind message into typed values for the engine. The types are
/// the prepared statement's (declared in Parse or inferred by the engine). Binary values go
/// through the protocol codec's decoders (the inverse of its encoders); text values through the
/// engine's own input parsing, exactly as a literal of that type would. Nothing is spliced into SQL.
/// </summary>
internal static class BindParameters
{
    /// <summary>The declared types of a Parse message: null for unspecified; 0A000 for a type IOx.Pg lacks.</summary>
    public static DataType?[] DeclaredTypes(int[] oids) => DeclaredTypes(oids, out _);

    /// <summary>
    /// The declared types of a Parse message (null for unspecified; 0A000 for a type IOx.Pg lacks);
    /// an array OID (int4[] 1007, text[] 1009 ...) is List with its element type in <paramref name="elements"/>.
    /// </summary>
    public static DataType?[] DeclaredTypes(int[] oids, out DataType[] elements)
    {
        var types = new DataType?[oids.Length];
        elements = new DataType[oids.Length];
        for (int i = 0; i < oids.Length; i++)
        {
            if (PgTypeInfo.TryArrayTypeOf(oids[i], out DataType element, out _))
            {
                types[i] = DataType.List;
                elements[i] = element;
                continue;
            }

            if (!PgTypeInfo.TryTypeOf(oids[i], out types[i]))
            {
                throw SqlException.NotSupported($"parameters of type OID {oids[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return types;
    }

    /// <summary>
    /// The declared OIDs that are another name for the value type they bind as (oid, regclass,
    /// regtype, regproc, name, varchar, bpchar, oid[], name[], varchar[] ...), 0 elsewhere: the engine
    /// describes a bare <c>$n</c> in the select list with them, so its encoding is that type's.
    /// </summary>
    public static int[] RenamedPgTypes(int[] oids)
    {
        var renamed = new int[oids.Length];
        for (int i = 0; i < oids.Length; i++)
        {
            int oid = oids[i];
            if (PgTypeInfo.TryArrayTypeOf(oid, out DataType element, out _))
            {
                renamed[i] = oid != PgTypeInfo.ArrayOidOf(element) ? oid : 0;
            }
            else if (PgTypeInfo.TryTypeOf(oid, out DataType? type) && type is DataType scalar)
            {
                renamed[i] = oid != PgTypeInfo.OidOf(scalar) ? oid : 0;
            }
        }

        return renamed;
    }

    /// <summary>The OIDs ParameterDescription reports: the declared OID when given, else the inferred type's (an array's by its element).</summary>
    public static int[] DescribedOids(int[] declared, PreparedQuery query)
    {
        IReadOnlyList<DataType> types = query.ParameterTypes;
        var oids = new int[types.Count];
        for (int i = 0; i < oids.Length; i++)
        {
            int oid = i < declared.Length ? declared[i] : PgTypeOid.Unspecified;
            oids[i] = oid is not (PgTypeOid.Unspecified or PgTypeOid.Unknown) ? oid
                : types[i] == DataType.List ? PgTypeInfo.ArrayOidOf(query.ElementTypeOf(i))
                : PgTypeInfo.OidOf(types[i]);
        }

        return oids;
    }

    /// <summary>
    /// Decodes every value of <paramref name="message"/> as the parameter types of <paramref name="query"/>
    /// (counts already checked), array elements of binary arrays checked against the element OID of
    /// the described type (<paramref name="declared"/> OIDs win, as in ParameterDescription). Text
    /// timestamptz values without an offset are read in <paramref name="timeZone"/>, the session's
    /// TimeZone setting, as PostgreSQL does; binary ones are UTC by definition.
    /// </summary>
    public static ScalarValue[] Decode(BindMessage message, PreparedQuery query, int[] declared, string? timeZone) =>
        Decode(message, query, declared, timeZone, null, null);

    /// <summary>
    /// As the other overload; a text regclass / regtype / regproc parameter that is not a number is
    /// looked up by name in <paramref name="session"/>'s catalog (over <paramref name="storage"/>).
    /// </summary>
    public static ScalarValue[] Decode(BindMessage message, PreparedQuery query, int[] declared, string? timeZone, Session? session, StorageBuffer? storage)
    {
        using InputTimeZone.Scope zone = InputTimeZone.Enter(timeZone);
        IReadOnlyList<DataType> types = query.ParameterTypes;
        int formats = message.ParameterFormats.Length;
        if (formats > 1 && formats != types.Count)
        {
            throw new SqlException(SqlState.ProtocolViolation,
                $"bind message has {formats.ToString(CultureInfo.InvariantCulture)} parameter formats but {types.Count.ToString(CultureInfo.InvariantCulture)} parameters");
        }

        int[]? oids = null;
        var values = new ScalarValue[types.Count];
        for (int i = 0; i < values.Length; i++)
        {
            DataType type = types[i];
            DataType element = type == DataType.List ? query.ElementTypeOf(i) : DataType.Null;
            byte[]? bytes = message.ParameterValues[i];
            if (bytes is null)
            {
                values[i] = type == DataType.List ? ScalarValue.Array(element, null) : ScalarValue.Null(type);
                continue;
            }

            PgFormat format = message.ParameterFormat(i);
            if (i < declared.Length && declared[i] == PgTypeOid.Char && format is PgFormat.Text or PgFormat.Binary)
            {
                values[i] = new ScalarValue(DataType.Utf8, DecodeChar(format, bytes, i));
                continue;
            }

            if (i < declared.Length && declared[i] is PgTypeOid.Json or PgTypeOid.Jsonb && format is PgFormat.Text or PgFormat.Binary)
            {
                values[i] = new ScalarValue(DataType.Utf8, DecodeJson(declared[i] == PgTypeOid.Jsonb, format, bytes));
                continue;
            }

            if (format == PgFormat.Binary)
            {
                if (type == DataType.List)
                {
                    oids ??= DescribedOids(declared, query);
                    values[i] = DecodeBinaryArray(element, PgTypeInfo.ElementOidOf(oids[i]), bytes, i);
                    continue;
                }

                if (!BinaryValueDecoder.TryDecode(type, bytes, out object? decoded))
                {
                    // numeric_send's sign word 0xC000 (NaN), 0xD000 (Infinity), 0xF000 (-Infinity): valid, but not a System.Decimal.
                    throw type is DataType.Numeric && bytes.Length >= 6 && bytes[4] is 0xC0 or 0xD0 or 0xF0 && bytes[5] == 0
                        ? SqlException.NotSupported("numeric NaN and infinity (numeric here is System.Decimal)")
                        : IncorrectBinary(i);
                }

                values[i] = new ScalarValue(type, decoded);
            }
            else if (format == PgFormat.Text && type == DataType.Binary)
            {
                // byteain reads the text bytes themselves (no UTF-8 round trip).
                values[i] = new ScalarValue(DataType.Binary, ByteaText.Parse(bytes));
            }
            else if (format == PgFormat.Text)
            {
                string text = Encoding.UTF8.GetString(bytes);
                if (i < declared.Length && declared[i] is PgTypeOid.Regclass or PgTypeOid.Regtype or PgTypeOid.Regproc
                    && session?.Extension is { } extension && storage is not null
                    && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    && extension.ObjectOid(declared[i], text, session, storage) is long named)
                {
                    values[i] = new ScalarValue(DataType.Int64, named);
                    continue;
                }

                values[i] = type == DataType.List
                    ? ScalarValue.Array(element, ArrayText.Parse(text, element))
                    : new ScalarValue(type, ValueText.Parse(type, text));
            }
            else
            {
                throw new SqlException(SqlState.ProtocolViolation, $"unsupported format code: {((short)format).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return values;
    }

    /// <summary>json_in / json_recv (the text), jsonb_in / jsonb_recv (version byte 1, then the text), held as text.</summary>
    private static string DecodeJson(bool jsonb, PgFormat format, byte[] bytes)
    {
        ReadOnlySpan<byte> text = bytes;
        if (jsonb && format == PgFormat.Binary)
        {
            if (bytes.Length == 0)
            {
                throw new SqlException(SqlState.ProtocolViolation, "no data left in message");
            }

            if (bytes[0] != 1)
            {
                throw new SqlException(SqlState.InternalError, $"unsupported jsonb version number {bytes[0].ToString(CultureInfo.InvariantCulture)}");
            }

            text = text[1..];
        }

        string s = Encoding.UTF8.GetString(text);
        return jsonb ? JsonText.ParseJsonb(s) : JsonText.ParseJson(s);
    }

    /// <summary>charin / charrecv of a "char" parameter, held in charout's form (CharText); charrecv takes exactly one byte.</summary>
    private static string DecodeChar(PgFormat format, byte[] bytes, int index)
    {
        if (format == PgFormat.Text)
        {
            return CharText.FromByte(CharText.ParseByte(bytes));
        }

        return bytes.Length switch
        {
            0 => throw new SqlException(SqlState.ProtocolViolation, "no data left in message"),
            1 => CharText.FromByte(bytes[0]),
            _ => throw IncorrectBinary(index),
        };
    }

    /// <summary>array_recv of parameter <paramref name="index"/>, with PostgreSQL's errors for each malformation.</summary>
    private static ScalarValue DecodeBinaryArray(DataType element, int elementOid, byte[] bytes, int index)
    {
        BinaryArrayResult result = BinaryArrayDecoder.TryDecode(element, elementOid, bytes, out object?[] items, out int detail);
        string number = detail.ToString(CultureInfo.InvariantCulture);
        switch (result)
        {
            case BinaryArrayResult.Ok:
                ColumnBuilder builder = ColumnBuilder.Create(element, items.Length);
                foreach (object? item in items)
                {
                    CastKernels.AppendBoxed(builder, item);
                }

                return ScalarValue.Array(element, builder.Build());
            case BinaryArrayResult.InsufficientData:
                throw new SqlException(SqlState.ProtocolViolation, "insufficient data left in message");
            case BinaryArrayResult.TooManyDimensions:
                throw new SqlException(SqlState.ProgramLimitExceeded, $"number of array dimensions ({number}) exceeds the maximum allowed ({BinaryArrayDecoder.MaxDimensions.ToString(CultureInfo.InvariantCulture)})");
            case BinaryArrayResult.InvalidDimensions:
                throw new SqlException(SqlState.InvalidBinaryRepresentation, $"invalid number of dimensions: {number}");
            case BinaryArrayResult.InvalidFlags:
                throw new SqlException(SqlState.InvalidBinaryRepresentation, "invalid array flags");
            case BinaryArrayResult.WrongElementType:
                throw new SqlException(SqlState.DatatypeMismatch, "wrong element type");
            case BinaryArrayResult.OutOfRange:
                throw new SqlException(SqlState.ProgramLimitExceeded, "array size exceeds the maximum allowed");
            case BinaryArrayResult.LowerBoundNotOne:
                throw SqlException.NotSupported($"array bind parameters with lower bound {number} (arrays here start at 1)");
            case BinaryArrayResult.Multidimensional:
                throw SqlException.NotSupported($"multidimensional arrays ({number} dimensions) as bind parameters");
            case BinaryArrayResult.BadElement:
                throw new SqlException(SqlState.InvalidBinaryRepresentation, $"improper binary format in array element {number}");
            default:
                throw IncorrectBinary(index);
        }
    }

    /// <summary>22P03 for a binary parameter that is not a value of its type.</summary>
    private static SqlException IncorrectBinary(int index) => new(SqlState.InvalidBinaryRepresentation,
        $"incorrect binary data format in bind parameter {(index + 1).ToString(CultureInfo.InvariantCulture)}");
}
