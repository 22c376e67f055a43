using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// array_to_string(a, delimiter [, null_string]): the elements' text joined by the delimiter; NULL
/// elements are skipped, or written as null_string when it is given and not NULL. The elements of a
/// batch are converted to text in one pass over the child column (booleans as t/f, their output form).
/// </summary>
public sealed class ArrayToStringFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "array_to_string";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var list = (ListColumn)args[0];
        Column delimiter = args[1];
        Column? nullText = args.Length > 2 ? args[2] : null;
        Column texts = ElementTexts(list.Values);
        var builder = new StringColumnBuilder(length);
        var row = new List<byte>();
        for (int i = 0; i < length; i++)
        {
            if (list.IsNull(i) || delimiter.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            row.Clear();
            bool first = true;
            bool useNullText = nullText is not null && nullText.IsValid(i);
            for (int k = list.StartOf(i); k < list.StartOf(i + 1); k++)
            {
                bool isNull = texts.IsNull(k);
                if (isNull && !useNullText)
                {
                    continue;
                }

                if (!first)
                {
                    row.AddRange(ColumnFactory.Utf8(delimiter, i));
                }

                row.AddRange(isNull ? ColumnFactory.Utf8(nullText!, i) : ColumnFactory.Utf8(texts, k));
                first = false;
            }

            builder.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(row));
        }

        return builder.Build();
    }

    /// <summary>The output-function text of every element: a cast to text, except booleans (t/f).</summary>
    public static Column ElementTexts(Column values)
    {
        if (values is BooleanColumn booleans)
        {
            var builder = new StringColumnBuilder(values.Length);
            for (int k = 0; k < values.Length; k++)
            {
                if (booleans.IsNull(k))
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(booleans.GetValue(k) ? "t"u8 : "f"u8);
                }
            }

            return builder.Build();
        }

        return values.Type == DataType.Utf8 ? values : CastKernels.Cast(values, DataType.Utf8);
    }
}
