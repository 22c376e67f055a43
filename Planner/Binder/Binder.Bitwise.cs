using IOx.Pg.Executor.Functions.Numeric;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// The bitwise operators on smallint, integer and bigint. PostgreSQL has int2and(int2, int2),
/// int4and and int8and (and the same for | and #), so mixed widths meet at the wider type through
/// the implicit int2 → int4 → int8 casts; the shifts are int2shl(int2, int4), int4shl(int4, int4)
/// and int8shl(int8, int4): the count is integer (a smallint count widens, a bigint one has no
/// operator), the result has the shifted operand's type. An untyped literal takes the other side's type.
/// </summary>
public sealed partial class Binder
{
    /// <summary>a &amp; b, a | b, a # b, a &lt;&lt; b, a &gt;&gt; b.</summary>
    private BoundExpr BindBitwise(string op, BoundExpr left, BoundExpr right, int position)
    {
        DataType lt = ResolveUnknownType(left, right);
        DataType rt = ResolveUnknownType(right, left);
        if (!IsBitwiseInteger(lt) || !IsBitwiseInteger(rt))
        {
            throw OperatorError(op, lt, rt, position);
        }

        if (op is "<<" or ">>")
        {
            if (rt == DataType.Int64)
            {
                throw OperatorError(op, lt, rt, position);
            }

            var shift = new BitwiseFunction(op == "<<" ? BitwiseOp.ShiftLeft : BitwiseOp.ShiftRight, lt);
            return new BoundFunction(shift, [Coerce(left, lt, position)!, Coerce(right, DataType.Int32, position)!]);
        }

        DataType common = TypeNames.FromNumericRank(Math.Max(TypeNames.NumericRank(lt), TypeNames.NumericRank(rt)));
        BitwiseOp kind = op switch
        {
            "&" => BitwiseOp.And,
            "|" => BitwiseOp.Or,
            _ => BitwiseOp.Xor,
        };
        return new BoundFunction(new BitwiseFunction(kind, common), [Coerce(left, common, position)!, Coerce(right, common, position)!]);
    }

    /// <summary>~a. On an untyped literal PostgreSQL cannot choose among int2not, int4not, int8not (and bit's ~): 42725.</summary>
    private BoundExpr BindBitwiseNot(BoundExpr operand, int position)
    {
        if (operand is BoundLiteral { IsUnknown: true })
        {
            throw new SqlException(SqlState.AmbiguousFunction, "operator is not unique: ~ unknown", position + 1,
                hint: "Could not choose a best candidate operator. You might need to add explicit type casts.");
        }

        DataType type = operand.Type;
        if (!IsBitwiseInteger(type))
        {
            throw OperatorError("~", null, type, position);
        }

        return new BoundFunction(new BitwiseFunction(BitwiseOp.Not, type), [Coerce(operand, type, position)!]);
    }

    /// <summary>Whether the bitwise operators exist for <paramref name="type"/>.</summary>
    private static bool IsBitwiseInteger(DataType type) => type is DataType.Int16 or DataType.Int32 or DataType.Int64;
}
