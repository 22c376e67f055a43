using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// left(text, n) / right(text, n): the first / last n characters; a negative n means all but the
/// last / first |n| characters.
/// </summary>
public sealed class LeftRightFunction(bool left) : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => left ? "left" : "right";

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        long n = Int(args[1], row);
        int chars = Utf8Chars.Count(text);
        long count = n >= 0 ? Math.Min(n, chars) : Math.Max(chars + n, 0);
        output.Write(left ? Utf8Chars.Slice(text, 0, count) : Utf8Chars.Slice(text, chars - count, count));
    }
}
