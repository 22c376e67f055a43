using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Outer references in a LATERAL subquery's select list, as in <c>a, LATERAL (SELECT a.x * t.y
/// AS z FROM t WHERE t.k = a.k) s</c>. Such an output cannot be computed inside the subquery,
/// which runs once for all outer rows; it is computed above the join instead, where each joined
/// row holds its outer row and its subquery row. The subquery outputs a NULL placeholder in its
/// place, then the inner columns the expression reads and a marker that is never NULL (so a LEFT
/// JOIN's row without a match reads NULL, not the expression over NULL inner columns). Only
/// plain rows: with aggregates, GROUP BY or DISTINCT the output would be computed before the rows
/// it depends on are known, so those are 0A000.
/// </summary>
public sealed partial class Binder
{
    /// <summary>In a LATERAL subquery: select-list outputs computed above the join, by output index, over the subquery's output indices and outer references.</summary>
    private List<(int Output, BoundExpr Expression)> _lateralOutputs = [];

    /// <summary>Outer references inside <see cref="_lateralOutputs"/>.</summary>
    private int _lateralOutputReferences;

    /// <summary>Outputs appended for <see cref="_lateralOutputs"/> (inner columns read, then the row marker).</summary>
    private int _lateralOutputColumns;

    /// <summary>
    /// In a LATERAL subquery: moves select-list outputs that read the outer row above the join
    /// (see the type's remarks). The first <paramref name="visible"/> outputs are the select list.
    /// </summary>
    private void CorrelateLateralOutputs(SelectStatement select, List<BoundExpr> outputs, List<string> names)
    {
        _lateralOutputs = [];
        _lateralOutputReferences = 0;
        _lateralOutputColumns = 0;
        if (!_lateral || _outerReferences == 0)
        {
            return;
        }

        int visible = outputs.Count - _correlation!.Count - _residualColumns - (_lateralEmpty is null ? 0 : 1);
        var outputOf = new Dictionary<int, int>();
        for (int i = 0; i < visible; i++)
        {
            BoundExpr output = outputs[i];
            if (!HasOuter(output))
            {
                continue;
            }

            if (ContainsAggregate(outputs) || select.GroupBy.Count > 0 || select.Having is not null || select.Distinct || select.DistinctOn is not null
                || output.Type == DataType.List || output.Any(static x => x is BoundSubqueryValue or BoundPerRowSubquery or BoundWindow))
            {
                throw SqlException.NotSupported("outer references in the select list of a LATERAL subquery with aggregates, GROUP BY or DISTINCT", select.Offset + 1);
            }

            _lateralOutputReferences += CountOuterReferences(output);
            _lateralOutputs.Add((i, output.Rewrite(x =>
            {
                if (x is BoundOuterReference)
                {
                    return x;
                }

                if (x is not BoundColumn column)
                {
                    return null;
                }

                if (!outputOf.TryGetValue(column.Index, out int index))
                {
                    index = outputs.Count;
                    outputOf[column.Index] = index;
                    outputs.Add(column);
                    names.Add("?lateral?");
                    _lateralOutputColumns++;
                }

                return new BoundColumn(index, column.Type, column.Name, column.ElementType, column.StructFields);
            })));
            outputs[i] = new BoundLiteral(ScalarValue.Null(output.Type));
        }

        if (_lateralOutputs.Count > 0)
        {
            outputs.Add(new BoundLiteral(new ScalarValue(DataType.Boolean, true)));
            names.Add("?lateral row?");
            _lateralOutputColumns++;
        }
    }
}
