using System.Text.RegularExpressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// The text[] PostgreSQL makes of one match (regexp_match, regexp_matches): one element per
/// parenthesized group, NULL for a group that took no part, or the whole match when the pattern has
/// no groups. Matching needs .NET's Match objects for the groups, which allocate per match.
/// </summary>
internal static class RegexpMatchArrays
{
    /// <summary>The first match of row <paramref name="row"/> (text, pattern[, flags]; none NULL), or null.</summary>
    public static Match? First(Column[] args, int row, RegexpCache cache, out bool global)
    {
        Regex regex = cache.Get(ColumnFactory.Utf8(args[1], row), args.Length > 2 ? ColumnFactory.Utf8(args[2], row) : default, out RegexpFlags flags);
        global = flags.Global;
        string source = cache.DecodeSource(ColumnFactory.Utf8(args[0], row)).ToString();
        try
        {
            Match m = regex.Match(source);
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            throw RegexpCache.Timeout();
        }
    }

    /// <summary>The next match after <paramref name="m"/>, or null.</summary>
    public static Match? Next(Match m)
    {
        try
        {
            Match next = m.NextMatch();
            return next.Success ? next : null;
        }
        catch (RegexMatchTimeoutException)
        {
            throw RegexpCache.Timeout();
        }
    }

    /// <summary>Whether any argument of row <paramref name="row"/> is NULL.</summary>
    public static bool AnyNull(Column[] args, int row)
    {
        foreach (Column arg in args)
        {
            if (arg.IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends the array of <paramref name="m"/> as the next row of <paramref name="builder"/>.</summary>
    public static void Append(ListColumnBuilder builder, Match m)
    {
        var values = (StringColumnBuilder)builder.Values;
        if (m.Groups.Count == 1)
        {
            values.Append(m.Value);
        }
        else
        {
            for (int g = 1; g < m.Groups.Count; g++)
            {
                if (m.Groups[g].Success)
                {
                    values.Append(m.Groups[g].Value);
                }
                else
                {
                    values.AppendNull();
                }
            }
        }

        builder.EndList();
    }
}
