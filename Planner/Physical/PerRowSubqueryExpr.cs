using System.Text;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Physical;

/// <summary>
/// Evaluates a <see cref="Logical.Expressions.BoundPerRowSubquery"/>. Without outer values the
/// subquery runs once, on first use, and its value is a constant. With outer values, each distinct
/// tuple of them (remembered for the rest of the execution) binds, plans and runs the subquery
/// once; rows sharing a tuple share its value. That is a plan per distinct outer row: affordable
/// for catalog queries and small outer inputs, and always PostgreSQL's answer.
/// </summary>
public sealed class PerRowSubqueryExpr : PhysicalExpr
{
    /// <summary>
    /// Most distinct outer tuples one execution binds the subquery for: past it the query is 0A000
    /// rather than planning a subquery per row of a large table (and remembering every answer).
    /// </summary>
    public const int MaxOuterTuples = 10_000;

    /// <summary>Binds the subquery for one tuple of outer values.</summary>
    private readonly Func<ScalarValue[], LogicalPlan> _planFor;

    /// <summary>The outer values the subquery reads, evaluated over the outer batch.</summary>
    private readonly PhysicalExpr[] _outerValues;

    /// <summary>The type of the subquery's column.</summary>
    private readonly DataType _valueType;

    /// <summary>When the column is an array (a scalar subquery only), its element type.</summary>
    private readonly DataType _valueElementType;

    /// <summary>Whether the value is the column's values as an array (else its single value).</summary>
    private readonly bool _asArray;

    /// <summary>The subquery's column per outer tuple already run (key: <see cref="KeyOf"/>): all its values, or for a scalar one value (a NULL for no row).</summary>
    private readonly Dictionary<string, Column> _values = new(StringComparer.Ordinal);

    /// <summary>Without outer values: the value, once run.</summary>
    private ScalarValue? _constant;

    /// <summary>Creates the expression.</summary>
    public PerRowSubqueryExpr(Func<ScalarValue[], LogicalPlan> planFor, PhysicalExpr[] outerValues, DataType valueType, DataType valueElementType, bool asArray)
    {
        _valueElementType = valueElementType;
        _planFor = planFor;
        _outerValues = outerValues;
        _valueType = valueType;
        _asArray = asArray;
    }

    /// <inheritdoc/>
    public override DataType Type => _asArray ? DataType.List : _valueType;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        if (_outerValues.Length == 0)
        {
            if (_constant is null)
            {
                Column values = Run(_planFor([]));
                _constant = _asArray ? ScalarValue.Array(_valueType, values) : ColumnFactory.GetScalar(values, 0);
            }

            return ColumnFactory.Constant(_constant, batch.RowCount);
        }

        var inputs = new Column[_outerValues.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = _outerValues[i].Evaluate(batch);
        }

        var rows = new Column[batch.RowCount];
        var tuple = new ScalarValue[inputs.Length];
        for (int row = 0; row < rows.Length; row++)
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                tuple[i] = ColumnFactory.GetScalar(inputs[i], row);
            }

            string key = KeyOf(tuple);
            if (!_values.TryGetValue(key, out Column? values))
            {
                if (_values.Count == MaxOuterTuples)
                {
                    throw new SqlException(SqlState.FeatureNotSupported,
                        $"a correlated subquery evaluated per outer row over more than {MaxOuterTuples} distinct outer values is not supported",
                        hint: "Rewrite the correlation as equalities in the subquery's WHERE, which are joined instead.");
                }

                values = Run(_planFor((ScalarValue[])tuple.Clone()));
                _values[key] = values;
            }

            rows[row] = values;
        }

        if (!_asArray)
        {
            return ColumnFactory.Concat(_valueType, rows);
        }

        var builder = new ListColumnBuilder(_valueType, rows.Length);
        foreach (Column values in rows)
        {
            ColumnFactory.AppendAll(builder.Values, values);
            builder.EndList();
        }

        return builder.Build();
    }

    /// <summary>A key telling tuples of outer values apart: each value's type, null-ness and text form.</summary>
    private static string KeyOf(ScalarValue[] values)
    {
        var key = new StringBuilder();
        foreach (ScalarValue value in values)
        {
            key.Append((int)value.Type).Append(value.IsNull ? 'N' : 'V').Append(value.IsNull ? string.Empty : value.ToString()).Append('\0');
        }

        return key.ToString();
    }

    /// <summary>
    /// Plans and runs one binding of the subquery: its first column's values in row order, as one
    /// column; for a scalar exactly one value (NULL for no row; a second row is 21000).
    /// </summary>
    private Column Run(LogicalPlan plan)
    {
        Operator op = PhysicalPlanner.Build(new Optimizer.LogicalOptimizer().Optimize(plan));
        var parts = new List<Column>();
        int count = 0;
        foreach (RecordBatch result in op.Execute(CancellationToken.None))
        {
            if (result.RowCount == 0)
            {
                continue;
            }

            count += result.RowCount;
            if (!_asArray && count > 1)
            {
                throw new SqlException(SqlState.CardinalityViolation, "more than one row returned by a subquery used as an expression");
            }

            // A column of untyped NULLs (SELECT NULL) holds values of the subquery's type.
            Column column = result.Column(0);
            parts.Add(column.Type == DataType.Null ? NullColumns.Create(_valueType, column.Length) : column);
        }

        if (!_asArray && count == 0)
        {
            return _valueType == DataType.List ? NullColumns.CreateList(_valueElementType, 1) : NullColumns.Create(_valueType, 1);
        }

        return ColumnFactory.Concat(_valueType, parts);
    }
}
