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

/// <summary>length(text) / char_length → integer: the number of characters (code points), not bytes.</summary>
public sealed class LengthFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "length";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column input = args[0];
        var result = new int[length];
        for (int i = 0; i < length; i++)
        {
            if (input.IsValid(i))
            {
                ReadOnlySpan<byte> bytes = ColumnFactory.Utf8(input, i);
                int count = 0;
                foreach (byte b in bytes)
                {
                    // Count lead bytes only: continuation bytes are 10xxxxxx.
                    if ((b & 0xC0) != 0x80)
                    {
                        count++;
                    }
                }

                result[i] = count;
            }
        }

        return new PrimitiveColumn<int>(DataType.Int32, result, length, input.ValidityBuffer, input.NullCount);
    }
}

/// <summary>text || text: concatenation; NULL if either side is NULL.</summary>
public sealed class ConcatFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "||";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column a = args[0];
        Column b = args[1];
        var builder = new StringColumnBuilder(length);
        byte[] scratch = new byte[256];
        for (int i = 0; i < length; i++)
        {
            if (a.IsNull(i) || b.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> x = ColumnFactory.Utf8(a, i);
            ReadOnlySpan<byte> y = ColumnFactory.Utf8(b, i);
            if (scratch.Length < x.Length + y.Length)
            {
                scratch = new byte[(x.Length + y.Length) * 2];
            }

            x.CopyTo(scratch);
            y.CopyTo(scratch.AsSpan(x.Length));
            builder.Append(scratch.AsSpan(0, x.Length + y.Length));
        }

        return builder.Build();
    }
}
