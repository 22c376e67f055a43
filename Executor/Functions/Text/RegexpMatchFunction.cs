using System.Text.RegularExpressions;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// regexp_match(text, pattern[, flags]) → text[]: the groups of the first match (see
/// <see cref="RegexpMatchArrays"/>), NULL when there is no match or an argument is NULL. Flag g is
/// 22023, as in PostgreSQL (regexp_matches is the set-returning form).
/// </summary>
public sealed class RegexpMatchFunction : ScalarFunction
{
    /// <summary>The state left by the last batch (compiled pattern, buffers); null while a batch has it.</summary>
    private RegexpCache? _idle;

    /// <inheritdoc/>
    public override string Name => "regexp_match";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override DataType ReturnElementType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_match", allowGlobal: false);
        try
        {
            var builder = new ListColumnBuilder(DataType.Utf8, length);
            for (int i = 0; i < length; i++)
            {
                Match? m = RegexpMatchArrays.AnyNull(args, i) ? null : RegexpMatchArrays.First(args, i, cache, out _);
                if (m is null)
                {
                    builder.AppendNull();
                }
                else
                {
                    RegexpMatchArrays.Append(builder, m);
                }
            }

            return builder.Build();
        }
        finally
        {
            _idle = cache;
        }
    }
}
