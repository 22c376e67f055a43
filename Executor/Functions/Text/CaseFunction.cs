using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>lower(text) / upper(text): case mapping (invariant culture, as PostgreSQL's C.UTF-8 mapping of letters). Dictionary input maps each entry once and keeps the indices.</summary>
public sealed class CaseFunction(bool upper) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => upper ? "upper" : "lower";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column input = args[0];
        if (input is DictionaryColumn dictionary)
        {
            StringColumn mapped = Map(dictionary.Dictionary);
            return new DictionaryColumn(dictionary.Indices.ToArray(), mapped, length, dictionary.ValidityBuffer, dictionary.NullCount);
        }

        return Map(input);
    }

    /// <summary>Maps every value of a text column.</summary>
    private StringColumn Map(Column input)
    {
        var builder = new StringColumnBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            string s = Encoding.UTF8.GetString(ColumnFactory.Utf8(input, i));
            builder.Append(upper ? s.ToUpperInvariant() : s.ToLowerInvariant());
        }

        return (StringColumn)builder.Build();
    }
}
