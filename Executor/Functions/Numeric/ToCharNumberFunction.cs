using System.Text;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// to_char(number, constant template) → text for smallint, integer, bigint, real, double
/// precision and numeric (see <see cref="NumberFormat"/>). A float beyond decimal's range prints
/// as overflow ('#'). The template is parsed once at bind time.
/// </summary>
public sealed class ToCharNumberFunction(NumberFormat format) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "to_char";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column source = args[0];
        var builder = new StringColumnBuilder(length);
        var utf8 = new Utf8Text();
        var text = new StringBuilder(32);
        for (int i = 0; i < length; i++)
        {
            if (!source.IsValid(i) || !args[1].IsValid(i))
            {
                builder.AppendNull();
                continue;
            }

            decimal? value = source switch
            {
                PrimitiveColumn<short> c => c.Values[i],
                PrimitiveColumn<int> c => c.Values[i],
                PrimitiveColumn<long> c => c.Values[i],
                PrimitiveColumn<ulong> c => c.Values[i],
                PrimitiveColumn<decimal> c => c.Values[i],
                PrimitiveColumn<float> c => ToDecimal(c.Values[i]),
                PrimitiveColumn<double> c => ToDecimal(c.Values[i]),
                _ => throw new InvalidOperationException($"to_char over {source.Type}"),
            };
            text.Clear();
            format.Format(value, text);
            utf8.AppendTo(text, builder);
        }

        return builder.Build();
    }

    /// <summary>The double as a decimal (15 significant digits, as PostgreSQL prints a float8), or null past decimal's range.</summary>
    private static decimal? ToDecimal(double value) => double.IsFinite(value) && Math.Abs(value) < 7.9e27 ? (decimal)value : null;
}
