using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Protocol.PgWire.Columns;

/// <summary>
/// Encodes a run of rows of one column into an <see cref="EncodedColumn"/>, text or binary.
/// The type is dispatched once per call, then one loop per type runs over the values: no
/// per-row type switch, boxing or allocation.
/// </summary>
public static class ColumnEncoder
{
    /// <summary>
    /// Encodes rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// of <paramref name="column"/>. <paramref name="typeOid"/> is the OID the column was described
    /// with (it matters for binary output of overridden types); <paramref name="zone"/> renders
    /// timestamptz text. Throws <see cref="SqlException"/> 42883 when no binary form exists for the OID.
    /// </summary>
    public static void Encode(Column column, PgFormat format, int typeOid, PgTimeZone zone, int start, int count, EncodedColumn output) =>
        Encode(column, format, typeOid, zone, start, count, output, 1);

    /// <summary>As the other overload, with float text under the session's <paramref name="extraFloatDigits"/>.</summary>
    public static void Encode(Column column, PgFormat format, int typeOid, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits) =>
        Encode(column, format, typeOid, zone, start, count, output, extraFloatDigits, null);

    /// <summary>
    /// As the other overloads; <paramref name="oidNames"/> (null: none) gives the text of a
    /// regclass / regtype / regproc column's values, names from the catalog the engine holds.
    /// </summary>
    public static void Encode(Column column, PgFormat format, int typeOid, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits, Func<long, string>? oidNames) =>
        Encode(column, format, typeOid, zone, start, count, output, extraFloatDigits, oidNames, byteaEscape: false);

    /// <summary>
    /// As the other overloads; <paramref name="byteaEscape"/> is the session's bytea_output = escape
    /// (false: hex, PostgreSQL's default) for bytea text output.
    /// </summary>
    public static void Encode(Column column, PgFormat format, int typeOid, PgTimeZone zone, int start, int count, EncodedColumn output, int extraFloatDigits, Func<long, string>? oidNames, bool byteaEscape)
    {
        output.Reset(count);
        if (column.NullCount == column.Length)
        {
            for (int i = 0; i < count; i++)
            {
                output.AppendNull();
            }

            return;
        }

        if (column is ListColumn list)
        {
            ListColumnEncoder.Encode(list, format, typeOid, zone, start, count, output, extraFloatDigits);
            return;
        }

        if (column is StructColumn record)
        {
            StructColumnEncoder.Encode(record, format, zone, start, count, output, extraFloatDigits);
            return;
        }

        if (format == PgFormat.Binary)
        {
            BinaryColumnEncoder.Encode(column, typeOid, start, count, output);
        }
        else if (column is PrimitiveColumn<long> oids && typeOid is PgTypeOid.Regclass or PgTypeOid.Regtype or PgTypeOid.Regproc)
        {
            TextColumnEncoder.EncodeRegOid(oids, start, count, output, oidNames);
        }
        else if (column is StringColumn { Type: DataType.Binary } bytes)
        {
            TextColumnEncoder.EncodeBytea(bytes, start, count, output, byteaEscape);
        }
        else
        {
            TextColumnEncoder.Encode(column, zone, start, count, output, extraFloatDigits);
        }
    }

    /// <summary>Whether <paramref name="column"/> can be sent in binary as <paramref name="typeOid"/>.</summary>
    public static bool SupportsBinary(DataType type, int typeOid) => BinaryColumnEncoder.Supports(type, typeOid);

    /// <summary>The 42883 error PostgreSQL gives for a binary request on a type without a send function.</summary>
    internal static SqlException NoBinaryOutput(int typeOid) =>
        new(SqlState.UndefinedFunction, $"no binary output function available for type {typeOid}");
}
