using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Json;

/// <summary>
/// json_typeof / jsonb_typeof: object, array, string, number, boolean or null. Arguments are
/// json / jsonb values, already parsed, so the first non-blank byte tells the kind.
/// </summary>
public sealed class JsonTypeofFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "json_typeof";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

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

            // A constant argument may arrive dictionary-encoded.
            ReadOnlySpan<byte> text = input is DictionaryColumn dictionary ? dictionary.GetBytes(i) : ((StringColumn)input).GetBytes(i);
            int first = text.IndexOfAnyExcept(" \t\n\r"u8);
            builder.Append(text[first] switch
            {
                (byte)'{' => "object"u8,
                (byte)'[' => "array"u8,
                (byte)'"' => "string"u8,
                (byte)'t' or (byte)'f' => "boolean"u8,
                (byte)'n' => "null"u8,
                _ => "number"u8,
            });
        }

        return builder.Build();
    }
}
