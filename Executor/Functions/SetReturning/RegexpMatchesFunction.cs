using System.Text.RegularExpressions;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// regexp_matches(text, pattern[, flags]) → setof text[]: one row per match (every non-overlapping
/// match with flag g, else at most the first), each the match's groups as regexp_match gives them.
/// No rows when an argument is NULL or nothing matches.
/// </summary>
public sealed class RegexpMatchesFunction : SetFunction
{
    /// <summary>The state left by the last call (compiled pattern, buffers); null while a call has it.</summary>
    private RegexpCache? _idle;

    /// <inheritdoc/>
    public override string Name => "regexp_matches";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.List;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row)
    {
        if (RegexpMatchArrays.AnyNull(args, row))
        {
            return 0;
        }

        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_matches", allowGlobal: true);
        try
        {
            int count = 0;
            for (Match? m = RegexpMatchArrays.First(args, row, cache, out bool global); m is not null; m = global ? RegexpMatchArrays.Next(m) : null)
            {
                count++;
            }

            return count;
        }
        finally
        {
            _idle = cache;
        }
    }

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_matches", allowGlobal: true);
        try
        {
            var builder = new ListColumnBuilder(DataType.Utf8, rows.Length);
            int matchRow = -1;
            int matchOrdinal = -1;
            Match? m = null;
            bool global = false;
            for (int i = 0; i < rows.Length; i++)
            {
                if (ordinals[i] < 0)
                {
                    builder.AppendNull();
                    continue;
                }

                // Ordinals of one input row arrive in ascending order, so the matches are walked once per row.
                if (rows[i] != matchRow || ordinals[i] < matchOrdinal)
                {
                    matchRow = rows[i];
                    matchOrdinal = 0;
                    m = RegexpMatchArrays.First(args, matchRow, cache, out global);
                }

                while (matchOrdinal < ordinals[i] && m is not null)
                {
                    m = global ? RegexpMatchArrays.Next(m) : null;
                    matchOrdinal++;
                }

                RegexpMatchArrays.Append(builder, m!);
            }

            return builder.Build();
        }
        finally
        {
            _idle = cache;
        }
    }
}
