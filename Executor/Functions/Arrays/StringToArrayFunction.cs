using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// string_to_array(text, delimiter [, null_string]) → text[]: split at each delimiter; a NULL
/// delimiter splits into characters, an empty delimiter gives the whole string as one element, an
/// empty string gives the empty array; pieces equal to null_string become NULL.
/// </summary>
public sealed class StringToArrayFunction : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => "string_to_array";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column input = args[0];
        Column delimiter = args[1];
        Column? nullText = args.Length > 2 ? args[2] : null;
        var builder = new ListColumnBuilder(DataType.Utf8, length);
        var values = (StringColumnBuilder)builder.Values;
        for (int i = 0; i < length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            ReadOnlySpan<byte> text = ColumnFactory.Utf8(input, i);
            ReadOnlySpan<byte> nulls = nullText is not null && nullText.IsValid(i) ? ColumnFactory.Utf8(nullText, i) : default;
            bool hasNullText = nullText is not null && nullText.IsValid(i);
            if (text.Length > 0)
            {
                if (delimiter.IsNull(i))
                {
                    // One element per character (UTF-8 sequence).
                    int at = 0;
                    while (at < text.Length)
                    {
                        int len = 1;
                        while (at + len < text.Length && (text[at + len] & 0xC0) == 0x80)
                        {
                            len++;
                        }

                        AppendPiece(values, text.Slice(at, len), nulls, hasNullText);
                        at += len;
                    }
                }
                else
                {
                    ReadOnlySpan<byte> delim = ColumnFactory.Utf8(delimiter, i);
                    if (delim.Length == 0)
                    {
                        AppendPiece(values, text, nulls, hasNullText);
                    }
                    else
                    {
                        while (true)
                        {
                            int hit = text.IndexOf(delim);
                            if (hit < 0)
                            {
                                AppendPiece(values, text, nulls, hasNullText);
                                break;
                            }

                            AppendPiece(values, text[..hit], nulls, hasNullText);
                            text = text[(hit + delim.Length)..];
                        }
                    }
                }
            }

            builder.EndList();
        }

        return builder.Build();
    }

    /// <summary>Appends one piece, NULL when it equals the null string.</summary>
    private static void AppendPiece(StringColumnBuilder values, ReadOnlySpan<byte> piece, ReadOnlySpan<byte> nulls, bool hasNullText)
    {
        if (hasNullText && piece.SequenceEqual(nulls))
        {
            values.AppendNull();
        }
        else
        {
            values.Append(piece);
        }
    }
}
