using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Json;

/// <summary>
/// text::json and text::jsonb: json is held as its verbatim text once it parses, jsonb as
/// jsonb_out's text (see <see cref="JsonText"/>); both are Utf8 columns typed json / jsonb for
/// the client. A parse allocates per value: casts to JSON are not a scan path.
/// </summary>
public sealed class JsonInFunction(bool jsonb) : ScalarFunction
{
    /// <summary>pg_type OID of json.</summary>
    public const int JsonOid = 114;

    /// <summary>pg_type OID of jsonb.</summary>
    public const int JsonbOid = 3802;

    /// <summary>Whether values are normalized as jsonb.</summary>
    private readonly bool _jsonb = jsonb;

    /// <inheritdoc/>
    public override string Name => _jsonb ? "jsonb" : "json";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override int PgType => _jsonb ? JsonbOid : JsonOid;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        Column input = args[0];
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            string text = input is StringColumn strings ? strings.GetString(i) : (string)ColumnFactory.GetScalar(input, i).Value!;
            builder.Append(_jsonb ? JsonText.ParseJsonb(text) : JsonText.ParseJson(text));
        }

        return builder.Build();
    }
}
