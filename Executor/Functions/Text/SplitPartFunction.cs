using System.Buffers;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// split_part(text, delimiter, n): the n-th field (1-based; negative counts from the end, as in
/// PostgreSQL 14+), '' when there is no such field; n = 0 is 22023. An empty delimiter makes the
/// whole text the only field.
/// </summary>
public sealed class SplitPartFunction : StrictTextFunction
{
    /// <inheritdoc/>
    public override string Name => "split_part";

    /// <inheritdoc/>
    protected override void Apply(Column[] args, int row, ArrayBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> text = Kernels.ColumnFactory.Utf8(args[0], row);
        ReadOnlySpan<byte> delimiter = Kernels.ColumnFactory.Utf8(args[1], row);
        int n = Int(args[2], row);
        if (n == 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "field position must not be zero");
        }

        if (delimiter.IsEmpty)
        {
            if (n is 1 or -1)
            {
                output.Write(text);
            }

            return;
        }

        if (n < 0)
        {
            // Count fields, then take the (fields + n + 1)-th from the start.
            int fields = 1;
            ReadOnlySpan<byte> rest = text;
            int at;
            while ((at = rest.IndexOf(delimiter)) >= 0)
            {
                fields++;
                rest = rest[(at + delimiter.Length)..];
            }

            n = fields + n + 1;
            if (n < 1)
            {
                return;
            }
        }

        for (int field = 1; ; field++)
        {
            int at = text.IndexOf(delimiter);
            if (field == n)
            {
                output.Write(at < 0 ? text : text[..at]);
                return;
            }

            if (at < 0)
            {
                return;
            }

            text = text[(at + delimiter.Length)..];
        }
    }
}
