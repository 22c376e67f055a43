using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

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
    public static DataType?[] DeclaredTypes(int[] oids)
    {
        var types = new DataType?[oids.Length];
        for (int i = 0; i < oids.Length; i++)
        {
            if (!PgTypeInfo.TryTypeOf(oids[i], out types[i]))
            {
                throw SqlException.NotSupported($"parameters of type OID {oids[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return types;
    }

    /// <summary>The OIDs ParameterDescription reports: the declared OID when given, else the inferred type's.</summary>
    public static int[] DescribedOids(int[] declared, IReadOnlyList<DataType> types)
    {
        var oids = new int[types.Count];
        for (int i = 0; i < oids.Length; i++)
        {
            int oid = i < declared.Length ? declared[i] : PgTypeOid.Unspecified;
            oids[i] = oid is PgTypeOid.Unspecified or PgTypeOid.Unknown ? PgTypeInfo.OidOf(types[i]) : oid;
        }

        return oids;
    }

    /// <summary>
    /// Decodes every value of <paramref name="message"/> as <paramref name="types"/> (counts already
    /// checked). Text timestamptz values without an offset are read in <paramref name="timeZone"/>,
    /// the session's TimeZone setting, as PostgreSQL does; binary ones are UTC by definition.
    /// </summary>
    public static ScalarValue[] Decode(BindMessage message, IReadOnlyList<DataType> types, string? timeZone)
    {
        using InputTimeZone.Scope zone = InputTimeZone.Enter(timeZone);
        int formats = message.ParameterFormats.Length;
        if (formats > 1 && formats != types.Count)
        {
            throw new SqlException(SqlState.ProtocolViolation,
                $"bind message has {formats.ToString(CultureInfo.InvariantCulture)} parameter formats but {types.Count.ToString(CultureInfo.InvariantCulture)} parameters");
        }

        var values = new ScalarValue[types.Count];
        for (int i = 0; i < values.Length; i++)
        {
            DataType type = types[i];
            byte[]? bytes = message.ParameterValues[i];
            if (bytes is null)
            {
                values[i] = ScalarValue.Null(type);
                continue;
            }

            PgFormat format = message.ParameterFormat(i);
            if (format == PgFormat.Binary)
            {
                if (!BinaryValueDecoder.TryDecode(type, bytes, out object? decoded))
                {
                    throw new SqlException(SqlState.InvalidBinaryRepresentation,
                        $"incorrect binary data format in bind parameter {(i + 1).ToString(CultureInfo.InvariantCulture)}");
                }

                values[i] = new ScalarValue(type, decoded);
            }
            else if (format == PgFormat.Text)
            {
                values[i] = new ScalarValue(type, ValueText.Parse(type, Encoding.UTF8.GetString(bytes)));
            }
            else
            {
                throw new SqlException(SqlState.ProtocolViolation, $"unsupported format code: {((short)format).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return values;
    }
}
