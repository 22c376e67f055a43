using IOx.Pg.Executor.Functions.Arrays;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Arrays: ARRAY[...], casts to and from array types, subscripts and slices, op ANY/ALL (array),
/// array operators (|| @&gt; &lt;@ &amp;&amp;) and the array functions. An array expression has type
/// <see cref="DataType.List"/> and carries its element type in <see cref="BoundExpr.ElementType"/>.
/// </summary>
public sealed partial class Binder
{
    /// <summary>Binds the array expression forms of the AST.</summary>
    private BoundExpr BindArrayExpr(Expr expr, Clause clause) => expr switch
    {
        ArrayConstructor constructor => BindArrayConstructor(constructor, clause),
        ArraySubscript subscript => BindSubscript(subscript, clause),
        ArrayQuantified quantified => BindArrayQuantified(quantified, clause),
        _ => throw SqlException.NotSupported(expr.GetType().Name, expr.Position + 1),
    };

    /// <summary>
    /// The element type of an array type name (int[], integer[], _int4, text[] ...), or null when
    /// <paramref name="name"/> is not an array type. name[] holds text and oid[] bigint, as the scalar types do here.
    /// </summary>
    private static DataType? ArrayElementType(TypeName name)
    {
        string element;
        if (name.Name.EndsWith("[]", StringComparison.Ordinal))
        {
            element = name.Name[..^2];
        }
        else if (name.Name.StartsWith('_') && name.Name.Length > 1)
        {
            element = name.Name[1..];
            if (element is not ("int2" or "int4" or "int8" or "float4" or "float8" or "text" or "bool" or "varchar" or "numeric" or "name" or "oid"
                or "timestamptz" or "timestamp" or "date" or "interval"))
            {
                return null;
            }
        }
        else if (name.Name is "int2vector" or "oidvector")
        {
            // Catalog columns of these types are real (0-based) arrays; a cast to one is not built.
            throw SqlException.NotSupported($"type {name.Name}", name.Position + 1);
        }
        else
        {
            return null;
        }

        return element switch
        {
            "name" => DataType.Utf8,
            "oid" or "regtype" or "regclass" or "regproc" => DataType.Int64,
            _ => TypeResolver.Resolve(new TypeName(element) { Position = name.Position }).Type,
        };
    }

    /// <summary>ARRAY[e, ...]: the elements' common type, unknown literals resolving to text as PostgreSQL does.</summary>
    private BoundExpr BindArrayConstructor(ArrayConstructor constructor, Clause clause, DataType? castTo = null)
    {
        if (constructor.Elements.Count == 0)
        {
            if (castTo is DataType target)
            {
                return new BoundFunction(new ArrayConstructFunction(target), []);
            }

            throw new SqlException(SqlState.IndeterminateDatatype, "cannot determine type of empty array", constructor.Position + 1,
                hint: "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
        }

        var elements = new List<BoundExpr>();
        DataType? common = null;
        foreach (Expr e in constructor.Elements)
        {
            BoundExpr bound = Bind(e, clause);
            if (bound.Type == DataType.List)
            {
                throw SqlException.NotSupported("multidimensional arrays", e.Position + 1);
            }

            // record[] (2287) is not among the array types described yet.
            RejectRecord(bound, "arrays", e.Position);
            elements.Add(bound);
            if (bound is BoundLiteral { IsUnknown: true } || bound.Type == DataType.Null)
            {
                continue;
            }

            DataType type = bound.Type == DataType.UInt64 ? DataType.Numeric : bound.Type;
            common = common is null ? type : TypeResolver.Common(common.Value, type)
                ?? throw new SqlException(SqlState.DatatypeMismatch, $"ARRAY types {TypeNames.SqlName(common.Value)} and {TypeNames.SqlName(type)} cannot be matched", e.Position + 1);
        }

        DataType elementType = castTo ?? common ?? DataType.Utf8;
        if (elementType == DataType.Binary)
        {
            // bytea[] (1001) is not among the array types described yet: refused, not sent as text[].
            throw SqlException.NotSupported("bytea arrays", constructor.Position + 1);
        }

        var coerced = new BoundExpr[elements.Count];
        for (int i = 0; i < coerced.Length; i++)
        {
            BoundExpr e = elements[i];
            coerced[i] = castTo is not null && e is not BoundLiteral { IsUnknown: true } && e.Type != DataType.Null
                ? CastElement(e, elementType, constructor.Elements[i].Position)
                : Coerce(e, elementType, constructor.Elements[i].Position)
                    ?? throw new SqlException(SqlState.DatatypeMismatch, $"ARRAY types {TypeNames.SqlName(elementType)} and {TypeNames.SqlName(e.Type)} cannot be matched", constructor.Elements[i].Position + 1);
        }

        return new BoundFunction(new ArrayConstructFunction(elementType), coerced);
    }

    /// <summary>An explicit cast of one element (ARRAY[1.5, 2]::int[] casts each element).</summary>
    private static BoundExpr CastElement(BoundExpr e, DataType target, int position)
    {
        DataType from = e.Type == DataType.UInt64 ? DataType.Numeric : e.Type;
        if (from == target)
        {
            return e;
        }

        if (!CastKernels.CanCast(from, target))
        {
            throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(e.Type)} to {TypeNames.SqlName(target)}", position + 1);
        }

        return new BoundCast(e.Type == DataType.UInt64 ? new BoundCast(e, DataType.Numeric) : e, target);
    }

    /// <summary>x::type[] and CAST(x AS type[]); null when the target is not an array type (nothing was bound then).</summary>
    private BoundExpr? TryBindArrayCast(Cast cast, Clause clause)
    {
        if (ArrayElementType(cast.Type) is not DataType element)
        {
            return null;
        }

        if (cast.Operand is ArrayConstructor constructor)
        {
            return BindArrayConstructor(constructor, clause, element);
        }

        BoundExpr operand = Bind(cast.Operand, clause);
        return CastToArray(operand, element, cast.Type.Name, cast.Position);
    }

    /// <summary>Converts a bound value to an array of <paramref name="element"/>: text is read by array_in, arrays cast element by element.</summary>
    private BoundExpr CastToArray(BoundExpr operand, DataType element, string typeName, int position)
    {
        if (operand.Type == DataType.Null)
        {
            return new BoundLiteral(ScalarValue.Array(element, null));
        }

        if (operand is BoundLiteral { IsUnknown: true, Parameters: not null } parameter)
        {
            // $1::int[] or x = ANY($1) with $1 undecided: the parameter is an array of that type.
            BoundExpr typed = CoerceParameterToArray(parameter, element, position);
            if (typed.Type == DataType.List)
            {
                return CastToArray(typed, element, typeName, position);
            }

            operand = typed;
        }

        if (operand is BoundLiteral { IsUnknown: true } || operand.Type == DataType.Utf8)
        {
            BoundExpr text = Coerce(operand, DataType.Utf8, position)!;
            return new BoundFunction(new ArrayFromTextFunction(element), [text]);
        }

        if (operand.Type == DataType.List)
        {
            DataType from = operand.ElementType == DataType.UInt64 ? DataType.Numeric : operand.ElementType;
            if (from == element)
            {
                return operand;
            }

            if (!CastKernels.CanCast(from, element))
            {
                throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {ArrayTypeName(operand)} to {typeName}", position + 1);
            }

            return new BoundFunction(new ArrayElementCastFunction(element), [operand]);
        }

        throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(operand.Type)} to {typeName}", position + 1);
    }

    /// <summary>array::text (array_out); any other scalar target is 42846.</summary>
    private static BoundExpr CastFromArray(BoundExpr operand, DataType target, Cast cast)
    {
        if (target == DataType.Utf8)
        {
            return new BoundFunction(new ArrayToTextFunction(), [operand]);
        }

        throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {ArrayTypeName(operand)} to {TypeNames.SqlName(target)}", cast.Position + 1);
    }

    /// <summary>The SQL name of an array expression's type, e.g. "integer[]".</summary>
    private static string ArrayTypeName(BoundExpr e) => TypeNames.SqlName(DataType.List, e.ElementType);

    /// <summary>a[i] and a[i:j].</summary>
    private BoundExpr BindSubscript(ArraySubscript subscript, Clause clause)
    {
        BoundExpr array = Bind(subscript.Operand, clause);
        if (array.Type != DataType.List)
        {
            throw new SqlException(SqlState.DatatypeMismatch, $"cannot subscript type {TypeNames.SqlName(array.Type)} because it does not support subscripting", subscript.Operand.Position + 1);
        }

        var args = new List<BoundExpr> { array };
        if (subscript.Lower is not null)
        {
            args.Add(BindSubscriptIndex(subscript.Lower, clause));
        }

        if (!subscript.Slice)
        {
            return new BoundFunction(new ArraySubscriptFunction(array.ElementType), args);
        }

        if (subscript.Upper is not null)
        {
            args.Add(BindSubscriptIndex(subscript.Upper, clause));
        }

        return new BoundFunction(new ArraySliceFunction(array.ElementType, subscript.Lower is not null, subscript.Upper is not null), args);
    }

    /// <summary>An array subscript: integer (smallint widens; bigint and others are 42804).</summary>
    private BoundExpr BindSubscriptIndex(Expr index, Clause clause)
    {
        BoundExpr bound = Bind(index, clause);
        return Coerce(bound, DataType.Int32, index.Position)
            ?? throw new SqlException(SqlState.DatatypeMismatch, $"array subscript must have type integer", index.Position + 1);
    }

    /// <summary>x op ANY/ALL (array): the scalar and the elements meet at their common type.</summary>
    private BoundExpr BindArrayQuantified(ArrayQuantified quantified, Clause clause)
    {
        BoundExpr left = Bind(quantified.Left, clause);
        BoundExpr array = Bind(quantified.Array, clause);
        if (array is BoundLiteral { IsUnknown: true })
        {
            DataType element = left is BoundLiteral { IsUnknown: true } || left.Type == DataType.Null ? DataType.Utf8 : left.Type == DataType.UInt64 ? DataType.Numeric : left.Type;
            array = CastToArray(array, element, TypeNames.SqlName(element) + "[]", quantified.Array.Position);
        }

        if (array.Type == DataType.Null)
        {
            array = new BoundLiteral(ScalarValue.Array(left.Type is DataType.Null ? DataType.Utf8 : left.Type, null));
        }

        if (array.Type != DataType.List)
        {
            throw new SqlException(SqlState.WrongObjectType, "op ANY/ALL (array) requires array on right side", quantified.Position + 1);
        }

        CompareOp op = quantified.Op switch
        {
            "=" => CompareOp.Equal,
            "<>" => CompareOp.NotEqual,
            "<" => CompareOp.Less,
            "<=" => CompareOp.LessOrEqual,
            ">" => CompareOp.Greater,
            ">=" => CompareOp.GreaterOrEqual,
            _ => throw SqlException.NotSupported($"operator {quantified.Op} with ANY/ALL (array)", quantified.Position + 1),
        };
        (BoundExpr scalar, BoundExpr elements) = UnifyWithElements(left, array, quantified.Op, quantified.Position);
        return new BoundFunction(new ArrayCompareFunction(op, quantified.All, quantified.Op), [scalar, elements]);
    }

    /// <summary>Brings a scalar and an array's elements to one type (the scalar coerced, or the array cast element-wise).</summary>
    private (BoundExpr Scalar, BoundExpr Array) UnifyWithElements(BoundExpr scalar, BoundExpr array, string op, int position)
    {
        DataType element = array.ElementType;
        if (scalar is BoundLiteral { IsUnknown: true } || scalar.Type == DataType.Null)
        {
            return (Coerce(scalar, element, position)!, array);
        }

        DataType type = scalar.Type == DataType.UInt64 ? DataType.Numeric : scalar.Type;
        DataType common = TypeResolver.Common(type, element)
            ?? throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {TypeNames.SqlName(scalar.Type)} {op} {ArrayTypeName(array)}", position + 1,
                hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
        BoundExpr s = Coerce(scalar, common, position)!;
        BoundExpr a = element == common ? array : new BoundFunction(new ArrayElementCastFunction(common), [array]);
        return (s, a);
    }

    /// <summary>Binary operators with an array operand: || (concatenation), @&gt;, &lt;@, &amp;&amp;; null when neither operand is an array.</summary>
    private BoundExpr? BindArrayOperator(string op, BoundExpr left, BoundExpr right, int position)
    {
        if (left.Type != DataType.List && right.Type != DataType.List)
        {
            return null;
        }

        // An unknown literal beside an array is an array of the same type ('{1,2}' || ARRAY[3]).
        if (left is BoundLiteral { IsUnknown: true } && right.Type == DataType.List && op != "||")
        {
            left = CastToArray(left, right.ElementType, ArrayTypeName(right), position);
        }

        if (right is BoundLiteral { IsUnknown: true } && left.Type == DataType.List && op != "||")
        {
            right = CastToArray(right, left.ElementType, ArrayTypeName(left), position);
        }

        switch (op)
        {
            case "||":
                return BindArrayConcat(left, right, position, "||");
            case "@>" or "<@" or "&&" when left.Type == DataType.List && right.Type == DataType.List:
            {
                (left, right) = UnifyArrays(left, right, op, position);
                ArrayRelation relation = op switch
                {
                    "@>" => ArrayRelation.Contains,
                    "<@" => ArrayRelation.ContainedBy,
                    _ => ArrayRelation.Overlaps,
                };
                return new BoundFunction(new ArrayContainsFunction(relation), [left, right]);
            }

            case "=" or "<>" when left.Type == DataType.List && right.Type == DataType.List:
            {
                // a = b: the same elements in the same order, NULL elements equal to each other (array_eq);
                // for arrays of one element type that is equality of their text forms.
                (left, right) = UnifyArrays(left, right, op, position);
                return BindBinary(op, new BoundFunction(new ArrayToTextFunction(), [left]), new BoundFunction(new ArrayToTextFunction(), [right]), position);
            }

            default:
                throw new SqlException(SqlState.UndefinedFunction,
                    $"operator does not exist: {OperandName(left)} {op} {OperandName(right)}", position + 1,
                    hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
        }
    }

    /// <summary>The SQL type name of an operand for messages.</summary>
    private static string OperandName(BoundExpr e) => e.Type == DataType.List ? ArrayTypeName(e) : TypeNames.SqlName(e.Type);

    /// <summary>Two arrays of one element type, or 42883.</summary>
    private static (BoundExpr Left, BoundExpr Right) UnifyArrays(BoundExpr left, BoundExpr right, string op, int position)
    {
        if (left.ElementType == right.ElementType)
        {
            return (left, right);
        }

        // anyarray operators need one array type: PostgreSQL does not convert integer[] to numeric[] implicitly.
        throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {ArrayTypeName(left)} {op} {ArrayTypeName(right)}", position + 1,
            hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
    }

    /// <summary>array || array, array || element, element || array (and array_cat / array_append / array_prepend).</summary>
    private BoundExpr BindArrayConcat(BoundExpr left, BoundExpr right, int position, string name)
    {
        if (left.Type == DataType.List && right.Type == DataType.List)
        {
            (left, right) = UnifyArrays(left, right, "||", position);
            return new BoundFunction(new ArrayConcatFunction(left.ElementType, ArrayConcatKind.ArrayArray, name == "||" ? "array_cat" : name), [left, right]);
        }

        if (left.Type == DataType.List)
        {
            if (right is BoundLiteral { IsUnknown: true } unknown && ((string)unknown.Value.Value!).TrimStart().StartsWith('{'))
            {
                return BindArrayConcat(left, CastToArray(right, left.ElementType, ArrayTypeName(left), position), position, name);
            }

            (BoundExpr element, BoundExpr array) = UnifyWithElements(right, left, "||", position);
            return new BoundFunction(new ArrayConcatFunction(array.ElementType, ArrayConcatKind.ArrayElement, name == "||" ? "array_append" : name), [array, element]);
        }

        if (left is BoundLiteral { IsUnknown: true } unknownLeft && ((string)unknownLeft.Value.Value!).TrimStart().StartsWith('{'))
        {
            return BindArrayConcat(CastToArray(left, right.ElementType, ArrayTypeName(right), position), right, position, name);
        }

        (BoundExpr first, BoundExpr rest) = UnifyWithElements(left, right, "||", position);
        return new BoundFunction(new ArrayConcatFunction(rest.ElementType, ArrayConcatKind.ElementArray, name == "||" ? "array_prepend" : name), [first, rest]);
    }

    /// <summary>The array functions; null when <paramref name="call"/> is not one of them.</summary>
    private BoundExpr? BindArrayFunction(FunctionCall call, List<BoundExpr> args)
    {
        switch (call.Name)
        {
            case "array_length" or "array_upper" or "array_lower" when args.Count == 2:
            {
                BoundExpr array = RequireArray(call, args, 0);
                BoundExpr dimension = Coerce(args[1], DataType.Int32, call.Args[1].Position) ?? throw FunctionError(call, ArrayArgumentTypes(args));
                ArrayDimension kind = call.Name switch
                {
                    "array_length" => ArrayDimension.Length,
                    "array_upper" => ArrayDimension.Upper,
                    _ => ArrayDimension.Lower,
                };
                return new BoundFunction(new ArrayDimensionFunction(kind), [array, dimension]);
            }

            case "cardinality" or "array_ndims" when args.Count == 1:
                return new BoundFunction(new ArrayDimensionFunction(call.Name == "cardinality" ? ArrayDimension.Cardinality : ArrayDimension.Dimensions), [RequireArray(call, args, 0)]);
            case "array_position" when args.Count is 2 or 3:
            {
                BoundExpr array = RequireArray(call, args, 0);
                (BoundExpr needle, array) = UnifyWithElements(args[1], array, "=", call.Position);
                if (args.Count == 2)
                {
                    return new BoundFunction(new ArrayPositionFunction(), [array, needle]);
                }

                BoundExpr start = Coerce(args[2], DataType.Int32, call.Args[2].Position) ?? throw FunctionError(call, ArrayArgumentTypes(args));
                return new BoundFunction(new ArrayPositionFunction(), [array, needle, start]);
            }

            case "array_to_string" when args.Count is 2 or 3:
            {
                BoundExpr array = RequireArray(call, args, 0);
                var bound = new List<BoundExpr> { array };
                for (int i = 1; i < args.Count; i++)
                {
                    bound.Add(Coerce(args[i], DataType.Utf8, call.Args[i].Position) ?? throw FunctionError(call, ArrayArgumentTypes(args)));
                }

                return new BoundFunction(new ArrayToStringFunction(), bound);
            }

            case "string_to_array" when args.Count is 2 or 3:
            {
                var bound = new List<BoundExpr>();
                for (int i = 0; i < args.Count; i++)
                {
                    bound.Add(Coerce(args[i], DataType.Utf8, call.Args[i].Position) ?? throw FunctionError(call, ArrayArgumentTypes(args)));
                }

                return new BoundFunction(new StringToArrayFunction(), bound);
            }

            case "array_cat" when args.Count == 2:
                return BindArrayConcat(RequireArray(call, args, 0), RequireArray(call, args, 1), call.Position, "array_cat");
            case "array_append" when args.Count == 2:
                return BindArrayConcat(RequireArray(call, args, 0), args[1], call.Position, "array_append");
            case "array_prepend" when args.Count == 2:
                return BindArrayConcat(args[0], RequireArray(call, args, 1), call.Position, "array_prepend");
            case "_pg_expandarray" or "array_dims" or "array_fill" or "array_remove" or "array_replace"
                or "array_positions" or "trim_array" or "array_to_json":
                throw SqlException.NotSupported($"function {call.Name}", call.Position + 1);
        }

        return null;
    }

    /// <summary>Argument <paramref name="index"/> as an array; an untyped literal cannot decide the element type (42804), anything else is 42883.</summary>
    private static BoundExpr RequireArray(FunctionCall call, List<BoundExpr> args, int index)
    {
        BoundExpr arg = args[index];
        if (arg.Type == DataType.List)
        {
            return arg;
        }

        if (arg is BoundLiteral { IsUnknown: true })
        {
            // PostgreSQL gives no position for this error.
            throw new SqlException(SqlState.DatatypeMismatch, "could not determine polymorphic type because input has type unknown");
        }

        throw FunctionError(call, ArrayArgumentTypes(args));
    }

    /// <summary>Argument types for a 42883 message (unknown literals as null).</summary>
    private static List<DataType?> ArrayArgumentTypes(List<BoundExpr> args)
    {
        var types = new List<DataType?>();
        foreach (BoundExpr a in args)
        {
            types.Add(a is BoundLiteral { IsUnknown: true } ? null : a.Type);
        }

        return types;
    }
}
