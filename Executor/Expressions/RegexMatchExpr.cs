using System.Text;
using System.Text.RegularExpressions;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// text ~ / ~* / !~ / !~* constant pattern. The pattern is compiled once (.NET regular expressions:
/// PostgreSQL's advanced regular expressions agree for the common syntax — classes, anchors,
/// quantifiers, alternation, groups; PostgreSQL-only escapes such as \m \M \y differ). A
/// dictionary (tag) column is matched once per distinct value, not per row.
/// </summary>
public sealed class RegexMatchExpr : PhysicalExpr, ITextMatcher
{
    /// <summary>How long one match may run before the query fails (a pathological pattern must not hang a session).</summary>
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The text operand.</summary>
    private readonly PhysicalExpr _input;

    /// <summary>The compiled pattern.</summary>
    private readonly Regex _regex;

    /// <summary>!~.</summary>
    private readonly bool _negated;

    /// <summary>Compiles <paramref name="pattern"/>; an invalid one is 2201B as in PostgreSQL.</summary>
    public RegexMatchExpr(PhysicalExpr input, string pattern, bool negated, bool caseInsensitive)
    {
        _input = input;
        _negated = negated;
        _regex = Compile(pattern, caseInsensitive);
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <summary>The regular expression for <paramref name="pattern"/>, or 2201B.</summary>
    public static Regex Compile(string pattern, bool caseInsensitive)
    {
        try
        {
            RegexOptions options = RegexOptions.CultureInvariant | (caseInsensitive ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new Regex(pattern, options, s_matchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SqlException(SqlState.InvalidRegularExpression, $"invalid regular expression: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => TextMatchKernel.Evaluate(_input.Evaluate(batch), batch.RowCount, this);

    /// <summary>Whether one value matches, after negation (<see cref="ITextMatcher"/>). Decoding to UTF-16 is what .NET's engine needs.</summary>
    public bool Matches(ReadOnlySpan<byte> utf8)
    {
        int length = Encoding.UTF8.GetCharCount(utf8);
        char[]? rented = null;
        Span<char> chars = length <= 512 ? stackalloc char[512] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        int count = Encoding.UTF8.GetChars(utf8, chars);
        bool hit;
        try
        {
            hit = _regex.IsMatch(chars[..count]);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new SqlException(SqlState.QueryCanceled, "canceling statement: regular expression match took too long");
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }

        return hit != _negated;
    }
}
