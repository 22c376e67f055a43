using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Json;

/// <summary>
/// json / jsonb <c>-&gt;</c> and <c>-&gt;&gt;</c> with a text key or an integer index: the member's
/// text (json / jsonb) or, for <c>-&gt;&gt;</c>, its value as text (a string unescaped, JSON null as
/// SQL NULL). NULL when the key or index is absent or the value is not an object / array.
/// </summary>
public sealed class JsonGetFunction(bool jsonb, bool asText) : ScalarFunction
{
    /// <summary>Whether the input is jsonb.</summary>
    private readonly bool _jsonb = jsonb;

    /// <summary>Whether the result is text (->>) rather than json (->).</summary>
    private readonly bool _asText = asText;

    /// <inheritdoc/>
    public override string Name => "?column?";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override int PgType => _asText ? 0 : _jsonb ? JsonInFunction.JsonbOid : JsonInFunction.JsonOid;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var builder = new StringColumnBuilder(length);
        for (int i = 0; i < length; i++)
        {
            if (args[0].IsNull(i) || args[1].IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            string json = (string)ColumnFactory.GetScalar(args[0], i).Value!;
            object key = ColumnFactory.GetScalar(args[1], i).Value!;
            bool found = key is string name
                ? JsonPath.TryMember(json, name, out int start, out int end)
                : JsonPath.TryElement(json, Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture), out start, out end);
            if (!found)
            {
                builder.AppendNull();
                continue;
            }

            string value = json[start..end];
            if (!_asText)
            {
                builder.Append(value);
            }
            else if (value == "null")
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value[0] == '"' ? JsonText.DecodeString(value) : value);
            }
        }

        return builder.Build();
    }
}
