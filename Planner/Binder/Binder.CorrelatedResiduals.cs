using IOx.Pg.Planner.Logical.Expressions;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Correlated conditions other than inner = outer in a scalar subquery's WHERE, such as psql's
/// <c>\d</c> collation lookup <c>(SELECT c.collname FROM pg_collation c, pg_type t WHERE c.oid =
/// a.attcollation AND t.oid = a.atttypid AND a.attcollation &lt;&gt; t.typcollation)</c>. Such a
/// conjunct reads both the subquery's columns and the outer row, so it cannot run inside the
/// subquery; it becomes part of the single join's condition instead, checked on each candidate
/// pair after the equality keys match and before a second match raises 21000 — which is exactly
/// the subquery's WHERE evaluated per outer row. The inner columns it reads are appended to the
/// subquery's outputs (after the equality keys' inner sides) so the join can see them.
/// Aggregated subqueries keep the 0A000: their rows are grouped before any outer row is known.
/// </summary>
public sealed partial class Binder
{
    /// <summary>In a scalar subquery being decorrelated: mixed correlated conjuncts, inner columns rewritten to the subquery's output indices, outer references kept.</summary>
    private List<BoundExpr> _residuals = [];

    /// <summary>Outer references inside <see cref="_residuals"/>.</summary>
    private int _residualReferences;

    /// <summary>Outputs appended for <see cref="_residuals"/>.</summary>
    private int _residualColumns;

    /// <summary>Forgets the residuals of an earlier binding pass.</summary>
    private void ResetResiduals()
    {
        _residuals = [];
        _residualReferences = 0;
        _residualColumns = 0;
    }

    /// <summary>Whether <paramref name="part"/> is a conjunct reading both the outer row and this query's columns that a scalar single join can check.</summary>
    private bool IsResidualCandidate(BoundExpr part, bool aggregated) =>
        _scalarCorrelation && !aggregated && HasOuter(part) && part.Any(static x => x is BoundColumn)
        && !part.Any(static x => x is BoundSubqueryValue or BoundPerRowSubquery or BoundAggregate);

    /// <summary>Appends the inner columns the <paramref name="parts"/> read to the outputs and records the conjuncts over output indices.</summary>
    private void CorrelateResiduals(List<BoundExpr> parts, List<BoundExpr> outputs, List<string> names)
    {
        var outputOf = new Dictionary<int, int>();
        foreach (BoundExpr part in parts)
        {
            _residualReferences += CountOuterReferences(part);
            _residuals.Add(part.Rewrite(x =>
            {
                if (x is not BoundColumn column)
                {
                    return null;
                }

                if (!outputOf.TryGetValue(column.Index, out int output))
                {
                    output = outputs.Count;
                    outputOf[column.Index] = output;
                    outputs.Add(column);
                    names.Add("?residual?");
                    _residualColumns++;
                }

                return new BoundColumn(output, column.Type, column.Name);
            }));
        }
    }

    /// <summary>
    /// <paramref name="condition"/> ANDed with the residuals of a scalar join whose subquery
    /// columns start at <paramref name="width"/> in the joined row: output indices shift by it and
    /// outer references become the outer query's expressions.
    /// </summary>
    private static BoundExpr? AddResiduals(BoundExpr? condition, List<BoundExpr> residuals, int width)
    {
        foreach (BoundExpr residual in residuals)
        {
            condition = And(condition, residual.Rewrite(x => x switch
            {
                BoundOuterReference r => r.Outer,
                BoundColumn c => new BoundColumn(width + c.Index, c.Type, c.Name),
                _ => null,
            }));
        }

        return condition;
    }
}
