using System.Buffers;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>replace(text, from, to): every non-overlapping occurrence of <c>from</c>, left to right, replaced; an empty <c>from</c> changes nothing.</summary>
public sealed class ReplaceFunction : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => "replace";

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        ReadOnlySpan<byte> from = Kernels.ColumnFactory.Utf8(args[1], row);
        ReadOnlySpan<byte> to = Kernels.ColumnFactory.Utf8(args[2], row);
        if (from.IsEmpty)
        {
            output.Write(text);
            return;
        }

        while (true)
        {
            int at = text.IndexOf(from);
            if (at < 0)
            {
                output.Write(text);
                return;
            }

            output.Write(text[..at]);
            output.Write(to);
            text = text[(at + from.Length)..];
        }
    }
}
