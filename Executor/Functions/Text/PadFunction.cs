using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// lpad / rpad(text, length [, fill]): pads with <c>fill</c> (default a space, repeated and cut)
/// on the left / right to <c>length</c> characters, or truncates to it (from the right for both,
/// as PostgreSQL does). A length of zero or less, or an empty fill that cannot pad, gives the
/// truncated text.
/// </summary>
public sealed class PadFunction(bool left) : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => left ? "lpad" : "rpad";

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        int length = Int(args[1], row);
        ReadOnlySpan<byte> fill = args.Length > 2 ? Kernels.ColumnFactory.Utf8(args[2], row) : " "u8;
        if (length <= 0)
        {
            return;
        }

        int chars = Utf8Chars.Count(text);
        if (chars >= length || fill.IsEmpty)
        {
            output.Write(Utf8Chars.Slice(text, 0, length));
            return;
        }

        if (!left)
        {
            output.Write(text);
        }

        int fillChars = Utf8Chars.Count(fill);
        int missing = length - chars;
        while (missing > 0)
        {
            int take = Math.Min(missing, fillChars);
            output.Write(Utf8Chars.Slice(fill, 0, take));
            missing -= take;
        }

        if (left)
        {
            output.Write(text);
        }
    }
}
