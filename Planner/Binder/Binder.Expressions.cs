using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Functions.Aggregate;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>Expression binding: names, literals, operators, casts.</summary>
public sealed partial class Binder
{
    /// <summary>Whether binding is inside an aggregate's argument (nested aggregates are an error).</summary>
    private bool _inAggregate;

    /// <summary>Binds an expression appearing in <paramref name="clause"/>.</summary>
    private BoundExpr Bind(Expr expr, Clause clause)
    {
        switch (expr)
        {
            case Literal literal:
                return BindLiteral(literal);
            case ColumnRef column:
                return BindColumnOrOuter(column, clause);
            case SubqueryExpr subquery:
                return BindSubquery(subquery, clause);
            case Star star:
                throw new SqlException(SqlState.SyntaxError, "syntax error at or near \"*\"", star.Position + 1);
            case Cast cast:
                return BindCast(cast, clause);
            case UnaryOp unary:
                return BindUnary(unary, clause);
            case BinaryOp binary:
                return BindBinary(binary.Op, Bind(binary.Left, clause), Bind(binary.Right, clause), binary.Position);
            case DistinctFrom distinctFrom:
                return Bind(distinctFrom.Expand(), clause);
            case IsTest test:
                return BindIsTest(test, clause);
            case InList inList:
                return BindInList(inList, clause);
            case Between between:
            {
                BoundExpr operand = Bind(between.Operand, clause);
                BoundExpr low = Bind(between.Low, clause);
                BoundExpr high = Bind(between.High, clause);
                return between.Negated
                    ? BindBinary("or", BindBinary("<", operand, low, between.Position), BindBinary(">", operand, high, between.Position), between.Position)
                    : BindBinary("and", BindBinary(">=", operand, low, between.Position), BindBinary("<=", operand, high, between.Position), between.Position);
            }

            case Like like:
                return BindLike(like, clause);
            case FunctionCall call:
                return BindFunction(call, clause);
            case FieldAccess access:
                return BindFieldAccess(access, clause);
            case CompositeField composite:
                return BindCompositeField(composite, clause);
            case RowConstructor row:
                return BindRowConstructor(row, clause);
            case WindowCall window:
                return BindWindowCall(window, clause);
            case ParameterRef parameter:
                return BindParameter(parameter);
            case CaseExpr caseExpr:
                return BindCase(caseExpr, clause);
            case ArrayConstructor or ArraySubscript or ArrayQuantified:
                return BindArrayExpr(expr, clause);
            case ArraySubquery arraySubquery:
                return BindArraySubquery(arraySubquery);
            default:
                throw SqlException.NotSupported(expr.GetType().Name, expr.Position + 1);
        }
    }

    /// <summary>Integer literals are int4 if they fit, else int8, else numeric; decimals are numeric; strings are unknown.</summary>
    private static BoundLiteral BindLiteral(Literal literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.Integer:
                if (int.TryParse(literal.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i))
                {
                    return new BoundLiteral(new ScalarValue(DataType.Int32, i)) { Position = literal.Position };
                }

                if (long.TryParse(literal.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                {
                    return new BoundLiteral(new ScalarValue(DataType.Int64, l)) { Position = literal.Position };
                }

                goto case LiteralKind.Decimal;
            case LiteralKind.Decimal:
                if (!decimal.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d))
                {
                    throw new SqlException(SqlState.NumericValueOutOfRange, "value overflows numeric format", literal.Position + 1);
                }

                return new BoundLiteral(new ScalarValue(DataType.Numeric, d)) { Position = literal.Position };
            case LiteralKind.String:
                return new BoundLiteral(new ScalarValue(DataType.Utf8, literal.Text)) { IsUnknown = true, Position = literal.Position };
            case LiteralKind.Boolean:
                return new BoundLiteral(new ScalarValue(DataType.Boolean, literal.Text == "true")) { Position = literal.Position };
            default:
                return new BoundLiteral(ScalarValue.Null(DataType.Null)) { Position = literal.Position };
        }
    }

    /// <summary>[schema.][table.]column against the FROM table.</summary>
    private BoundExpr BindColumn(ColumnRef column, Clause clause)
    {
        if (clause is Clause.Limit or Clause.Offset)
        {
            throw new SqlException(SqlState.InvalidColumnReference, $"argument of {(clause == Clause.Limit ? "LIMIT" : "OFFSET")} must not contain variables", column.Position + 1);
        }

        IReadOnlyList<string> parts = column.Parts;
        if (parts.Count > 3)
        {
            throw new SqlException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', parts)}", column.Position + 1);
        }

        if (_from is not null)
        {
            return BindFromColumn(column);
        }

        if (parts.Count > 1)
        {
            string qualifier = parts[^2];
            bool schemaOk = parts.Count == 2 || parts[0] == "public";
            if (_scope is null || !schemaOk || qualifier != _scope.RefName)
            {
                if (_scope is not null && _scope.Subplan is null && _scope.Alias is not null && qualifier == _scope.TableName)
                {
                    throw new SqlException(SqlState.UndefinedTable, $"invalid reference to FROM-clause entry for table \"{qualifier}\"", column.Position + 1,
                        hint: $"Perhaps you meant to reference the table alias \"{_scope.Alias}\".");
                }

                throw new SqlException(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{qualifier}\"", column.Position + 1);
            }
        }

        int index = _scope is null ? -1 : _scope.Schema.IndexOf(column.Column);
        if (index < 0)
        {
            string message = parts.Count == 1
                ? $"column \"{column.Column}\" does not exist"
                : $"column {parts[^2]}.{column.Column} does not exist";
            throw new SqlException(SqlState.UndefinedColumn, message, column.Position + 1);
        }

        Field field = _scope!.Schema[index];
        return new BoundColumn(_scope.SlotOf(index), field.Type, field.Name, field.ElementType, field.Children) { Position = column.Position };
    }

    /// <summary>CAST(x AS t), x::t, t 'literal'.</summary>
    private BoundExpr BindCast(Cast cast, Clause clause)
    {
        if (TryBindArrayCast(cast, clause) is BoundExpr arrayCast)
        {
            return arrayCast;
        }

        if (TryBindRegToText(cast, clause) is BoundExpr regName)
        {
            return regName;
        }

        if (TryBindJsonCast(cast, clause) is BoundExpr json)
        {
            return json;
        }

        if (cast.Type.Name is "oid" or "regclass" or "regtype" or "regproc" or "regnamespace" or "regrole" or "name" or "\"char\""
            && _session.Extension?.TryBindCast(Bind(cast.Operand, clause), cast.Type, _session, _storage) is BoundExpr extended)
        {
            return extended;
        }

        (DataType target, _) = TypeResolver.Resolve(cast.Type);
        if (cast.Operand is Literal { Kind: LiteralKind.Decimal or LiteralKind.Integer } number && target is DataType.Float64 or DataType.Float32)
        {
            // A numeric constant cast to a float is read as a float from its text: 1e100 or
            // 1e-30 do not fit System.Decimal, and going through it could round.
            double value = (double)ValueText.Parse(DataType.Float64, number.Text);
            return new BoundLiteral(target == DataType.Float64
                ? new ScalarValue(DataType.Float64, value)
                : new ScalarValue(DataType.Float32, (float)ValueText.Parse(DataType.Float32, number.Text))) { Position = number.Position };
        }

        BoundExpr operand = Bind(cast.Operand, clause);
        if (operand is BoundLiteral { IsUnknown: true } || operand.Type == DataType.Null)
        {
            return Coerce(operand, target, cast.Operand.Position)!;
        }

        if (operand.Type == DataType.Binary && target == DataType.Utf8)
        {
            return ByteaToText(operand);
        }

        if (operand.Type == DataType.List)
        {
            return CastFromArray(operand, target, cast);
        }

        if (operand.Type == DataType.Struct)
        {
            // record_out lives in the wire protocol's encoders; a record's text inside SQL is not built yet.
            throw target == DataType.Utf8
                ? SqlException.NotSupported("casting a record to text", cast.Position + 1)
                : new SqlException(SqlState.CannotCoerce, $"cannot cast type record to {TypeNames.SqlName(target)}", cast.Position + 1);
        }

        DataType from = operand.Type == DataType.UInt64 ? DataType.Numeric : operand.Type;
        if (!CastKernels.CanCast(from, target))
        {
            throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(operand.Type)} to {TypeNames.SqlName(target)}", cast.Position + 1);
        }

        if (operand.Type == DataType.UInt64)
        {
            operand = new BoundCast(operand, DataType.Numeric);
        }

        return operand.Type == target ? operand : new BoundCast(operand, target);
    }

    /// <summary>NOT, unary minus and plus.</summary>
    private BoundExpr BindUnary(UnaryOp unary, Clause clause)
    {
        BoundExpr operand = Bind(unary.Operand, clause);
        if (unary.Op == "not")
        {
            return new BoundUnary(true, RequireBoolean(operand, "NOT", unary.Operand.Position));
        }

        if (unary.Op == "~")
        {
            return BindBitwiseNot(operand, unary.Position);
        }

        if (operand is BoundLiteral { IsUnknown: true })
        {
            operand = Coerce(operand, DataType.Float64, unary.Operand.Position)!;
        }

        if (operand.Type == DataType.UInt64)
        {
            operand = new BoundCast(operand, DataType.Numeric);
        }

        if (!TypeNames.IsNumeric(operand.Type) && operand.Type != DataType.Interval)
        {
            throw OperatorError(unary.Op, null, operand.Type, unary.Position);
        }

        return unary.Op == "+" ? operand : new BoundUnary(false, operand);
    }

    /// <summary>Resolves an infix operator to a typed node, inserting implicit casts.</summary>
    private BoundExpr BindBinary(string op, BoundExpr left, BoundExpr right, int position)
    {
        if (BindArrayOperator(op, left, right, position) is BoundExpr arrayOperator)
        {
            return arrayOperator;
        }

        if (op is "->" or "->>")
        {
            return BindJsonGet(op, left, right, position);
        }

        switch (op)
        {
            case "and":
            case "or":
            {
                string name = op.ToUpperInvariant();
                BoundExpr l = RequireBoolean(left, name, position);
                BoundExpr r = RequireBoolean(right, name, position);
                return new BoundBinary(op == "and" ? BinaryKind.And : BinaryKind.Or, l, r);
            }

            case "=" or "<>" or "<" or "<=" or ">" or ">=":
            {
                RejectRecord(left, "comparison", position);
                RejectRecord(right, "comparison", position);
                RejectJsonComparison(op, left, right, position);
                (BoundExpr l, BoundExpr r) = Unify(op, left, right, position);
                if (l.Type == DataType.Null)
                {
                    l = Coerce(l, DataType.Utf8, position)!;
                    r = Coerce(r, DataType.Utf8, position)!;
                }

                BinaryKind kind = op switch
                {
                    "=" => BinaryKind.Equal,
                    "<>" => BinaryKind.NotEqual,
                    "<" => BinaryKind.Less,
                    "<=" => BinaryKind.LessOrEqual,
                    ">" => BinaryKind.Greater,
                    _ => BinaryKind.GreaterOrEqual,
                };
                return new BoundBinary(kind, l, r);
            }

            case "+" or "-" or "*" or "/" or "%":
                return BindArithmetic(op, left, right, position);
            case "||":
                return BindConcat(left, right, position);
            case "^":
                throw SqlException.NotSupported("operator ^", position + 1);
            case "~" or "~*" or "!~" or "!~*":
                return BindRegexMatch(op, left, right, position);
            case "&" or "|" or "#" or "<<" or ">>":
                return BindBitwise(op, left, right, position);
            default:
                throw OperatorError(op, ResolveUnknownType(left), ResolveUnknownType(right), position);
        }
    }

    /// <summary>
    /// text ~ pattern and its case-insensitive and negated forms. Both sides are text (an untyped
    /// literal becomes text); the pattern must be a constant (a bind parameter is one by execution).
    /// A NULL pattern gives NULL.
    /// </summary>
    private BoundExpr BindRegexMatch(string op, BoundExpr left, BoundExpr right, int position)
    {
        bool leftText = left.Type == DataType.Utf8 || left is BoundLiteral { IsUnknown: true } || left.Type == DataType.Null;
        bool rightText = right.Type == DataType.Utf8 || right is BoundLiteral { IsUnknown: true } || right.Type == DataType.Null;
        if (!leftText || !rightText)
        {
            throw OperatorError(op, ResolveUnknownType(left), ResolveUnknownType(right), position);
        }

        BoundExpr operand = Coerce(left, DataType.Utf8, position)!;
        BoundExpr pattern = Coerce(right, DataType.Utf8, position)!;
        bool negated = op[0] == '!';
        bool insensitive = op[^1] == '*';
        if (pattern.Any(static e => e is BoundParameter))
        {
            // Preparing: described, never run; executing binds the value as a constant.
            return new BoundRegexMatch(operand, "", negated, insensitive);
        }

        if (!ConstantEvaluator.IsConstant(pattern))
        {
            throw SqlException.NotSupported("regular expression operators with a non-constant pattern", position + 1);
        }

        ScalarValue value = ConstantEvaluator.Evaluate(pattern);
        return value.IsNull ? new BoundLiteral(ScalarValue.Null(DataType.Boolean)) : new BoundRegexMatch(operand, (string)value.Value!, negated, insensitive);
    }

    /// <summary>Converts both operands of a comparison to one type: an unknown literal takes the other side's type.</summary>
    private (BoundExpr Left, BoundExpr Right) Unify(string op, BoundExpr left, BoundExpr right, int position)
    {
        // Untyped: a string literal or a bare NULL. Two untyped operands compare as text.
        bool lu = left is BoundLiteral { IsUnknown: true } || left.Type == DataType.Null;
        bool ru = right is BoundLiteral { IsUnknown: true } || right.Type == DataType.Null;
        if (lu && ru)
        {
            return (Coerce(left, DataType.Utf8, position)!, Coerce(right, DataType.Utf8, position)!);
        }

        if (lu)
        {
            DataType t = right.Type == DataType.UInt64 ? DataType.Numeric : right.Type;
            return (Coerce(left, t, position)!, Coerce(right, t, position) ?? right);
        }

        if (ru)
        {
            DataType t = left.Type == DataType.UInt64 ? DataType.Numeric : left.Type;
            return (Coerce(left, t, position) ?? left, Coerce(right, t, position)!);
        }

        DataType? common = TypeResolver.Common(left.Type, right.Type);
        if (common is null)
        {
            throw OperatorError(op, left.Type, right.Type, position);
        }

        return (Coerce(left, common.Value, position)!, Coerce(right, common.Value, position)!);
    }

    /// <summary>+ - * / % over numbers, and the date/time operators.</summary>
    private BoundExpr BindArithmetic(string op, BoundExpr left, BoundExpr right, int position)
    {
        DataType lt = ResolveUnknownType(left, right);
        DataType rt = ResolveUnknownType(right, left);
        bool lTime = lt is DataType.Timestamp or DataType.TimestampNoTz;
        bool rTime = rt is DataType.Timestamp or DataType.TimestampNoTz;
        if (lTime && rt == DataType.Interval && op is "+" or "-")
        {
            return new BoundFunction(new Executor.Functions.Temporal.TimestampIntervalFunction(op == "-", lt),
                [Coerce(left, lt, position)!, Coerce(right, DataType.Interval, position)!]);
        }

        if (lt == DataType.Interval && rTime && op == "+")
        {
            return new BoundFunction(new Executor.Functions.Temporal.TimestampIntervalFunction(false, rt),
                [Coerce(right, rt, position)!, Coerce(left, DataType.Interval, position)!]);
        }

        if (lTime && rTime && op == "-")
        {
            DataType t = lt == rt ? lt : DataType.Timestamp;
            return new BoundFunction(new Executor.Functions.Temporal.TimestampDifferenceFunction(), [Coerce(left, t, position)!, Coerce(right, t, position)!]);
        }

        if (lt == DataType.Interval && rt == DataType.Interval && op is "+" or "-")
        {
            return new BoundFunction(new Executor.Functions.Temporal.IntervalArithmeticFunction(op == "-"),
                [Coerce(left, DataType.Interval, position)!, Coerce(right, DataType.Interval, position)!]);
        }

        if (!TypeNames.IsNumeric(lt) || !TypeNames.IsNumeric(rt))
        {
            if (lt is DataType.Date or DataType.Interval or DataType.Timestamp or DataType.TimestampNoTz
                || rt is DataType.Date or DataType.Interval or DataType.Timestamp or DataType.TimestampNoTz)
            {
                throw SqlException.NotSupported($"operator {TypeNames.SqlName(lt)} {op} {TypeNames.SqlName(rt)}", position + 1);
            }

            throw OperatorError(op, lt, rt, position);
        }

        DataType common = TypeNames.FromNumericRank(Math.Max(TypeNames.NumericRank(lt), TypeNames.NumericRank(rt)));
        if (op == "%" && common is DataType.Float32 or DataType.Float64)
        {
            throw OperatorError(op, lt, rt, position);
        }

        BinaryKind kind = op switch
        {
            "+" => BinaryKind.Add,
            "-" => BinaryKind.Subtract,
            "*" => BinaryKind.Multiply,
            "/" => BinaryKind.Divide,
            _ => BinaryKind.Modulo,
        };
        return new BoundBinary(kind, Coerce(left, common, position)!, Coerce(right, common, position)!);
    }

    /// <summary>||: text with text, or text with any other type converted to text (PostgreSQL's anynonarray || text).</summary>
    private BoundExpr BindConcat(BoundExpr left, BoundExpr right, int position)
    {
        if (TryBindByteaConcat(left, right, position) is BoundExpr bytes)
        {
            return bytes;
        }

        // An unknown literal next to || is text (PostgreSQL picks textcat / anynonarray || text).
        DataType lt = left is BoundLiteral { IsUnknown: true } ? DataType.Utf8 : ResolveUnknownType(left, right);
        DataType rt = right is BoundLiteral { IsUnknown: true } ? DataType.Utf8 : ResolveUnknownType(right, left);
        if (lt != DataType.Utf8 && rt != DataType.Utf8)
        {
            throw OperatorError("||", lt, rt, position);
        }

        return new BoundFunction(new Executor.Functions.Text.ConcatFunction(), [ToText(left, position), ToText(right, position)]);
    }

    /// <summary>Any value as text (explicit conversion).</summary>
    private BoundExpr ToText(BoundExpr e, int position) =>
        e.Type == DataType.Binary ? ByteaToText(e)
        : e is BoundLiteral { IsUnknown: true } || e.Type is DataType.Utf8 or DataType.Null ? Coerce(e, DataType.Utf8, position)! : new BoundCast(e, DataType.Utf8);

    /// <summary>IS [NOT] NULL / TRUE / FALSE / UNKNOWN.</summary>
    private BoundExpr BindIsTest(IsTest test, Clause clause)
    {
        BoundExpr operand = Bind(test.Operand, clause);
        switch (test.Kind)
        {
            case IsKind.Null:
                RejectRecord(operand, "IS NULL", test.Position);
                return new BoundIsTest(ResolveUnknown(operand), null, test.Negated);
            case IsKind.Unknown:
                return new BoundIsTest(RequireBoolean(operand, "IS UNKNOWN", test.Operand.Position), null, test.Negated);
            default:
                return new BoundIsTest(RequireBoolean(operand, test.Kind == IsKind.True ? "IS TRUE" : "IS FALSE", test.Operand.Position), test.Kind == IsKind.True, test.Negated);
        }
    }

    /// <summary>x [NOT] IN (list): one vectorized membership test when the list is constant, else a chain of equalities.</summary>
    private BoundExpr BindInList(InList inList, Clause clause)
    {
        BoundExpr operand = Bind(inList.Operand, clause);
        var items = new List<BoundExpr>();
        foreach (Expr item in inList.Items)
        {
            items.Add(Bind(item, clause));
        }

        // The common type of the operand and every item.
        BoundExpr probe = operand;
        foreach (BoundExpr item in items)
        {
            (probe, _) = Unify("=", probe, item, inList.Position);
        }

        DataType type = probe.Type;
        BoundExpr result;
        var values = new List<ScalarValue>();
        bool constant = true;
        var coerced = new List<BoundExpr>();
        foreach (BoundExpr item in items)
        {
            BoundExpr c = Coerce(item, type, item is BoundLiteral bl ? bl.Position : inList.Position)
                ?? throw OperatorError("=", operand.Type, item.Type, inList.Position);
            coerced.Add(c);
            if (ConstantEvaluator.IsConstant(c))
            {
                values.Add(ConstantEvaluator.Evaluate(c));
            }
            else
            {
                constant = false;
            }
        }

        BoundExpr left = Coerce(operand, type, inList.Position)!;
        if (constant)
        {
            result = new BoundInList(left, values);
        }
        else
        {
            result = new BoundBinary(BinaryKind.Equal, left, coerced[0]);
            for (int i = 1; i < coerced.Count; i++)
            {
                result = new BoundBinary(BinaryKind.Or, result, new BoundBinary(BinaryKind.Equal, left, coerced[i]));
            }
        }

        return inList.Negated ? new BoundUnary(true, result) : result;
    }

    /// <summary>[NOT] LIKE / ILIKE with a constant pattern and optional ESCAPE.</summary>
    private BoundExpr BindLike(Like like, Clause clause)
    {
        BoundExpr operand = Bind(like.Operand, clause);
        if (operand is BoundLiteral { IsUnknown: true } || operand.Type == DataType.Null)
        {
            operand = Coerce(operand, DataType.Utf8, like.Operand.Position)!;
        }

        BoundExpr pattern = Bind(like.Pattern, clause);
        DataType patternType = pattern is BoundLiteral { IsUnknown: true } ? DataType.Utf8 : pattern.Type;
        string opName = like.CaseInsensitive ? "~~*" : "~~";
        if (operand.Type != DataType.Utf8 || patternType is not (DataType.Utf8 or DataType.Null))
        {
            string right = pattern is BoundLiteral { IsUnknown: true } ? "unknown" : TypeNames.SqlName(pattern.Type);
            throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {TypeNames.SqlName(operand.Type)} {(like.Negated ? "!" + opName : opName)} {right}",
                like.Position + 1, hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
        }

        pattern = Coerce(pattern, DataType.Utf8, like.Pattern.Position)!;
        BoundExpr? escape = like.Escape is null ? null : Coerce(Bind(like.Escape, clause), DataType.Utf8, like.Escape.Position)!;
        if (pattern.Any(static e => e is BoundParameter) || (escape is not null && escape.Any(static e => e is BoundParameter)))
        {
            // Preparing: the pattern is a parameter without a value. This plan is only described
            // (parameter types, columns), never run; executing binds the value as a constant pattern.
            return new BoundLike(operand, "", like.Negated, like.CaseInsensitive);
        }

        if (!ConstantEvaluator.IsConstant(pattern))
        {
            throw SqlException.NotSupported("LIKE with a non-constant pattern", like.Pattern.Position + 1);
        }

        ScalarValue value = ConstantEvaluator.Evaluate(pattern);
        if (value.IsNull)
        {
            return new BoundLiteral(ScalarValue.Null(DataType.Boolean));
        }

        string text = (string)value.Value!;
        if (escape is not null)
        {
            ScalarValue e = ConstantEvaluator.Evaluate(escape);
            text = Reescape(text, e.IsNull ? "" : (string)e.Value!, like.Escape!.Position);
        }

        return new BoundLike(operand, text, like.Negated, like.CaseInsensitive);
    }

    /// <summary>Rewrites a pattern that uses another escape character (or none) to the backslash form.</summary>
    private static string Reescape(string pattern, string escape, int position)
    {
        if (escape == "\\")
        {
            return pattern;
        }

        if (escape.Length > 1)
        {
            throw new SqlException(SqlState.InvalidEscapeSequence, "invalid escape string", position + 1, hint: "Escape string must be empty or one character.");
        }

        var sb = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (escape.Length == 1 && c == escape[0] && i + 1 < pattern.Length)
            {
                sb.Append('\\').Append(pattern[++i]);
            }
            else if (c == '\\')
            {
                sb.Append("\\\\");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The type an operand has for operator resolution: an unknown literal takes the other side's type (text if none).</summary>
    private static DataType ResolveUnknownType(BoundExpr e, BoundExpr? other = null)
    {
        if (e is BoundLiteral { IsUnknown: true } || e.Type == DataType.Null)
        {
            if (other is not null && other is not BoundLiteral { IsUnknown: true } && other.Type != DataType.Null)
            {
                return other.Type == DataType.UInt64 ? DataType.Numeric : other.Type;
            }

            return e.Type == DataType.Null && other is null ? DataType.Null : DataType.Utf8;
        }

        return e.Type == DataType.UInt64 ? DataType.Numeric : e.Type;
    }

    /// <summary>Converts <paramref name="e"/> to <paramref name="target"/> if PostgreSQL would do so implicitly; null otherwise.</summary>
    private static BoundExpr? Coerce(BoundExpr e, DataType target, int position)
    {
        if (e is BoundLiteral { IsUnknown: true, Parameters: not null } parameter)
        {
            return CoerceParameter(parameter, target, position);
        }

        if (e is BoundLiteral { IsUnknown: true } unknown)
        {
            string text = (string)unknown.Value.Value!;
            try
            {
                return new BoundLiteral(new ScalarValue(target, target == DataType.Utf8 ? text : ValueText.Parse(target, text))) { Position = unknown.Position };
            }
            catch (SqlException ex) when (ex.Position == 0)
            {
                throw new SqlException(ex.SqlState, ex.Message, unknown.Position + 1, ex.Detail, ex.Hint);
            }
        }

        if (e.Type == target)
        {
            return e;
        }

        if (e.Type == DataType.Null)
        {
            return new BoundLiteral(ScalarValue.Null(target));
        }

        return TypeResolver.IsImplicit(e.Type, target) ? new BoundCast(e, target) : null;
    }

    /// <summary>Gives an unknown literal (or bare NULL) in an output position the type text, as PostgreSQL does.</summary>
    private static BoundExpr ResolveUnknown(BoundExpr e)
    {
        if (e is not BoundLiteral { IsUnknown: true } && e.Type != DataType.Null)
        {
            return e;
        }

        BoundExpr resolved = Coerce(e, DataType.Utf8, 0)!;
        return e is BoundLiteral original && resolved is BoundLiteral text
            ? new BoundLiteral(text.Value) { Position = original.Position, FromUnknown = true }
            : resolved;
    }

    /// <summary>The operand as a boolean, or 42804 "argument of X must be type boolean".</summary>
    private static BoundExpr RequireBoolean(BoundExpr e, string construct, int position)
    {
        // PostgreSQL points at the offending operand itself when it knows where it is.
        position = e switch
        {
            BoundLiteral l => l.Position,
            BoundColumn c => c.Position,
            _ => position,
        };
        BoundExpr? b = Coerce(e, DataType.Boolean, position);
        if (b is null || b.Type != DataType.Boolean)
        {
            throw new SqlException(SqlState.DatatypeMismatch, $"argument of {construct} must be type boolean, not type {TypeNames.SqlName(e.Type)}", position + 1);
        }

        return b;
    }

    /// <summary>42883 "operator does not exist: a op b".</summary>
    private static SqlException OperatorError(string op, DataType? left, DataType right, int position)
    {
        string signature = left is null ? $"{op} {TypeNames.SqlName(right)}" : $"{TypeNames.SqlName(left.Value)} {op} {TypeNames.SqlName(right)}";
        return new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {signature}", position + 1,
            hint: "No operator matches the given name and argument types. You might need to add explicit type casts.");
    }

    /// <summary>An aggregate over a bound argument.</summary>
    private BoundAggregate BindAggregate(FunctionCall call, AggregateKind kind, Clause clause)
    {
        CheckAggregatePlacement(call, clause);

        if (call.StarArgument)
        {
            if (kind != AggregateKind.Count)
            {
                throw new SqlException(SqlState.WrongObjectType, $"{call.Name}(*) specified, but {call.Name} is not an aggregate function", call.Position + 1);
            }

            return new BoundAggregate(AggregateKind.CountStar, null, false, DataType.Int64);
        }

        if (call.Args.Count != 1)
        {
            throw FunctionError(call, ArgumentTypes(call, clause));
        }

        _inAggregate = true;
        BoundExpr argument;
        try
        {
            argument = ResolveUnknown(Bind(call.Args[0], clause));
        }
        finally
        {
            _inAggregate = false;
        }

        if (call.Distinct && kind is not (AggregateKind.Count or AggregateKind.ArrayAgg))
        {
            throw SqlException.NotSupported($"DISTINCT in {call.Name}()", call.Position + 1);
        }

        if (kind == AggregateKind.ArrayAgg)
        {
            // record[] (2287) is not among the array types described yet; min/max of records fall through to 42883 as below.
            RejectRecord(argument, "array_agg", call.Position);
        }

        DataType? type = AggregateFunctions.ResultType(kind, argument.Type);
        if (type is null && argument.Type == DataType.Interval)
        {
            // PostgreSQL has these; they are not built yet.
            throw SqlException.NotSupported($"{call.Name}(interval)", call.Position + 1);
        }

        if (type is null)
        {
            throw FunctionError(call, [argument.Type]);
        }

        return new BoundAggregate(kind, argument, call.Distinct, type.Value);
    }

    /// <summary>The argument types of a call, for error messages (unknown literals print as unknown).</summary>
    private List<DataType?> ArgumentTypes(FunctionCall call, Clause clause)
    {
        var types = new List<DataType?>();
        foreach (Expr a in call.Args)
        {
            BoundExpr b = Bind(a, clause == Clause.Where ? Clause.Where : Clause.Select);
            types.Add(b is BoundLiteral { IsUnknown: true } ? null : b.Type);
        }

        return types;
    }

    /// <summary>42883 "function f(types) does not exist".</summary>
    private static SqlException FunctionError(FunctionCall call, IEnumerable<DataType?> types)
    {
        var names = new List<string>();
        foreach (DataType? t in types)
        {
            names.Add(t is null ? "unknown" : TypeNames.SqlName(t.Value));
        }

        return new SqlException(SqlState.UndefinedFunction, $"function {call.Name}({string.Join(", ", names)}) does not exist", call.Position + 1,
            hint: "No function matches the given name and argument types. You might need to add explicit type casts.");
    }
}
