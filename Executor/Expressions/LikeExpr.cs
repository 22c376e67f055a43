using System.Text;
using IOx.Pg.Executor.Functions.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// x [NOT] LIKE / ILIKE constant-pattern. Dictionary columns match each dictionary entry once.
/// ILIKE lower-cases both sides (a slower path that allocates per value).
/// </summary>
public sealed class LikeExpr : PhysicalExpr, ITextMatcher
{
    /// <summary>The text operand.</summary>
    private readonly PhysicalExpr _input;

    /// <summary>The compiled pattern (lower-cased for ILIKE).</summary>
    private readonly LikePattern _pattern;

    /// <summary>NOT LIKE.</summary>
    private readonly bool _negated;

    /// <summary>ILIKE.</summary>
    private readonly bool _caseInsensitive;

    /// <summary>Creates the expression.</summary>
    public LikeExpr(PhysicalExpr input, string pattern, bool negated, bool caseInsensitive)
    {
        _input = input;
        _pattern = new LikePattern(caseInsensitive ? pattern.ToLowerInvariant() : pattern);
        _negated = negated;
        _caseInsensitive = caseInsensitive;
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch) => TextMatchKernel.Evaluate(_input.Evaluate(batch), batch.RowCount, this);

    /// <summary>Whether one value matches, after negation (<see cref="ITextMatcher"/>).</summary>
    public bool Matches(ReadOnlySpan<byte> value)
    {
        bool hit = _caseInsensitive
            ? _pattern.IsMatch(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value).ToLowerInvariant()))
            : _pattern.IsMatch(value);
        return hit != _negated;
    }
}
