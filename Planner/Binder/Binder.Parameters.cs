using System.Globalization;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Bind parameters. A parameter of known type binds as that type: a <see cref="BoundParameter"/>
/// while preparing, the supplied value as a constant while executing (never text spliced into SQL).
/// A parameter of undecided type binds as an unknown literal, exactly like an untyped string
/// literal, so it takes the type the context asks for; <see cref="CoerceParameter"/> records it.
/// </summary>
public sealed partial class Binder
{
    /// <summary>$n.</summary>
    private BoundExpr BindParameter(ParameterRef parameter)
    {
        int index = parameter.Number - 1;
        IReadOnlyList<ScalarValue>? values = _parameters.Values;
        if (parameter.Number < 1 || parameter.Number > ParameterSet.MaxParameters || (values is not null && index >= values.Count))
        {
            throw new SqlException(SqlState.UndefinedParameter, $"there is no parameter ${parameter.Number.ToString(CultureInfo.InvariantCulture)}", parameter.Position + 1);
        }

        _parameters.Reference(index);
        DataType? type = _parameters.TypeOf(index);
        if (type is null)
        {
            return new BoundLiteral(new ScalarValue(DataType.Utf8, "$" + parameter.Number.ToString(CultureInfo.InvariantCulture)))
            {
                IsUnknown = true,
                Position = parameter.Position,
                Parameters = _parameters,
                ParameterIndex = index,
            };
        }

        return Typed(_parameters, index, type.Value, parameter.Position);
    }

    /// <summary>
    /// An undecided parameter where an array of <paramref name="element"/> is wanted (<c>x = ANY($1)</c>,
    /// <c>$1::int[]</c>): it becomes that array type, as PostgreSQL infers it, instead of text read by array_in.
    /// </summary>
    private static BoundExpr CoerceParameterToArray(BoundLiteral parameter, DataType element, int position)
    {
        ParameterSet parameters = parameter.Parameters!;
        int index = parameter.ParameterIndex;
        if (parameters.TypeOf(index) is null)
        {
            parameters.SetType(index, DataType.List, element == DataType.UInt64 ? DataType.Numeric : element);
        }

        return Typed(parameters, index, parameters.TypeOf(index)!.Value, position);
    }

    /// <summary>An undecided parameter meets a context wanting <paramref name="target"/>: that is its type from now on.</summary>
    private static BoundExpr? CoerceParameter(BoundLiteral parameter, DataType target, int position)
    {
        ParameterSet parameters = parameter.Parameters!;
        int index = parameter.ParameterIndex;
        DataType? decided = parameters.TypeOf(index);
        if (decided is null)
        {
            // A bare NULL context has no type to give; PostgreSQL resolves such a parameter as text.
            DataType type = target is DataType.Null ? DataType.Utf8 : target == DataType.UInt64 ? DataType.Numeric : target;

            // A context that wants "some array" without naming its element (anyarray) gets text[].
            parameters.SetType(index, type, type == DataType.List ? DataType.Utf8 : DataType.Null);
            decided = type;
        }

        BoundExpr typed = Typed(parameters, index, decided.Value, parameter.Position);
        return typed.Type == target ? typed : Coerce(typed, target, position);
    }

    /// <summary>Parameter <paramref name="index"/> as an expression of its decided type.</summary>
    private static BoundExpr Typed(ParameterSet parameters, int index, DataType type, int position)
    {
        if (parameters.Values is null)
        {
            return new BoundParameter(index, type, type == DataType.List ? parameters.ElementTypeOf(index) : DataType.Null);
        }

        ScalarValue value = parameters.Values[index];
        return new BoundLiteral(value.Type == type ? value : new ScalarValue(type, value.Value)) { Position = position };
    }
}
