using System.Buffers;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// substr(text, start [, count]) / substring(text, start [, count]): characters from 1-based
/// <c>start</c>; a start below 1 still counts toward <c>count</c> (substr('abc', 0, 2) = 'a'), as in
/// PostgreSQL. A negative count is 22011.
/// </summary>
public sealed class SubstrFunction(string name) : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => name;

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        long start = Int(args[1], row) - 1L;
        long count = long.MaxValue / 4;
        if (args.Length > 2)
        {
            count = Int(args[2], row);
            if (count < 0)
            {
                throw new SqlException(SqlState.SubstringError, "negative substring length not allowed");
            }
        }

        output.Write(Utf8Chars.Slice(text, start, count));
    }
}
