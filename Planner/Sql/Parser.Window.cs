using IOx.Pg.Executor.Operators.Window;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// Window syntax (PostgreSQL's gram.y): f(args) [FILTER (WHERE cond)] OVER (spec) | OVER name,
/// the WINDOW clause, and frames ROWS | RANGE | GROUPS [BETWEEN start AND end] with bounds
/// UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING, UNBOUNDED FOLLOWING. Frame shapes
/// PostgreSQL rejects in the grammar are 42P20 at the offending bound. EXCLUDE NO OTHERS is the
/// default and accepted; the other EXCLUDE options are 0A000.
/// </summary>
public sealed partial class Parser
{
    /// <summary>What may follow a call's ")": FILTER and OVER; a FILTER without OVER belongs to the aggregate call itself.</summary>
    private Expr ParseWindowSuffix(FunctionCall call)
    {
        Expr? filter = null;
        if (AcceptKeyword("filter"))
        {
            ExpectSymbol("(");
            ExpectKeyword("where");
            filter = ParseExpr();
            ExpectSymbol(")");
        }

        if (!AcceptKeyword("over"))
        {
            return filter is null ? call : new FunctionCall(call.Name, call.Args, call.Distinct, call.StarArgument)
            {
                Position = call.Position,
                NoParentheses = call.NoParentheses,
                OrderBy = call.OrderBy,
                WithinGroup = call.WithinGroup,
                Filter = filter,
            };
        }

        if (Current.IsSymbol("("))
        {
            return new WindowCall(call, filter, ParseWindowSpec(), null) { Position = call.Position };
        }

        int namePosition = Current.Offset;
        return new WindowCall(call, filter, null, ExpectName(allowReserved: false)) { Position = call.Position, WindowNamePosition = namePosition };
    }

    /// <summary>WINDOW name AS (spec) [, ...] (the current token is WINDOW).</summary>
    private List<WindowDefinition> ParseWindowClause()
    {
        _pos++;
        var windows = new List<WindowDefinition>();
        do
        {
            int position = Current.Offset;
            string name = ExpectName(allowReserved: false);
            ExpectKeyword("as");
            if (!Current.IsSymbol("("))
            {
                throw SyntaxError(Current);
            }

            windows.Add(new WindowDefinition(name, ParseWindowSpec(), position));
        }
        while (AcceptSymbol(","));
        return windows;
    }

    /// <summary>( [existing_window_name] [PARTITION BY exprs] [ORDER BY items] [frame] ) (the current token is "(").</summary>
    private WindowSpec ParseWindowSpec()
    {
        int position = Current.Offset;
        _pos++;
        string? refName = null;
        if (Current.Kind == TokenKind.QuotedIdentifier
            || (Current.Kind == TokenKind.Identifier && !Keywords.Reserved.Contains(Current.Text)
                && Current.Text is not ("partition" or "rows" or "range" or "groups")))
        {
            refName = Current.Text;
            _pos++;
        }

        var partitionBy = new List<Expr>();
        if (Current.IsKeyword("partition") && PeekToken(1).IsKeyword("by"))
        {
            _pos += 2;
            do
            {
                partitionBy.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
        }

        var orderBy = new List<OrderByItem>();
        if (AcceptKeyword("order"))
        {
            ExpectKeyword("by");
            do
            {
                orderBy.Add(ParseOrderByItem());
            }
            while (AcceptSymbol(","));
        }

        WindowFrame? frame = Current.Kind == TokenKind.Identifier && Current.Text is "rows" or "range" or "groups" ? ParseFrame() : null;
        ExpectSymbol(")");
        return new WindowSpec(refName, partitionBy, orderBy, frame, position);
    }

    /// <summary>ROWS | RANGE | GROUPS frame_extent [EXCLUDE ...], with gram.y's checks of the bounds' shape.</summary>
    private WindowFrame ParseFrame()
    {
        int position = Current.Offset;
        FrameUnits units = Current.Text switch
        {
            "rows" => FrameUnits.Rows,
            "range" => FrameUnits.Range,
            _ => FrameUnits.Groups,
        };
        _pos++;
        FrameBound start;
        FrameBound end;
        if (AcceptKeyword("between"))
        {
            start = ParseFrameBound();
            ExpectKeyword("and");
            end = ParseFrameBound();
            if (start.Kind == FrameBoundKind.UnboundedFollowing)
            {
                throw WindowingError("frame start cannot be UNBOUNDED FOLLOWING", start.Position);
            }

            if (end.Kind == FrameBoundKind.UnboundedPreceding)
            {
                throw WindowingError("frame end cannot be UNBOUNDED PRECEDING", end.Position);
            }

            if (start.Kind == FrameBoundKind.CurrentRow && end.Kind == FrameBoundKind.Preceding)
            {
                throw WindowingError("frame starting from current row cannot have preceding rows", end.Position);
            }

            if (start.Kind == FrameBoundKind.Following && end.Kind is FrameBoundKind.Preceding or FrameBoundKind.CurrentRow)
            {
                throw WindowingError(end.Kind == FrameBoundKind.CurrentRow
                    ? "frame starting from following row cannot end with current row"
                    : "frame starting from following row cannot have preceding rows", end.Position);
            }
        }
        else
        {
            start = ParseFrameBound();
            end = new FrameBound(FrameBoundKind.CurrentRow, null, start.Position);
            if (start.Kind == FrameBoundKind.UnboundedFollowing)
            {
                throw WindowingError("frame start cannot be UNBOUNDED FOLLOWING", start.Position);
            }

            if (start.Kind == FrameBoundKind.Following)
            {
                throw WindowingError("frame starting from following row cannot end with current row", start.Position);
            }
        }

        if (Current.IsKeyword("exclude"))
        {
            int exclude = Current.Offset;
            _pos++;
            if (!(AcceptKeyword("no") && AcceptKeyword("others")))
            {
                throw SqlException.NotSupported("EXCLUDE in window frames", exclude + 1);
            }
        }

        return new WindowFrame(units, start, end, position);
    }

    /// <summary>UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING | CURRENT ROW | expr PRECEDING | expr FOLLOWING.</summary>
    private FrameBound ParseFrameBound()
    {
        int position = Current.Offset;
        if (Current.IsKeyword("unbounded") && (PeekToken(1).IsKeyword("preceding") || PeekToken(1).IsKeyword("following")))
        {
            _pos++;
            bool preceding = AcceptKeyword("preceding");
            if (!preceding)
            {
                _pos++;
            }

            return new FrameBound(preceding ? FrameBoundKind.UnboundedPreceding : FrameBoundKind.UnboundedFollowing, null, position);
        }

        if (Current.IsKeyword("current") && PeekToken(1).IsKeyword("row"))
        {
            _pos += 2;
            return new FrameBound(FrameBoundKind.CurrentRow, null, position);
        }

        Expr offset = ParseExpr();
        if (AcceptKeyword("preceding"))
        {
            return new FrameBound(FrameBoundKind.Preceding, offset, position);
        }

        ExpectKeyword("following");
        return new FrameBound(FrameBoundKind.Following, offset, position);
    }

    /// <summary>42P20 at a 0-based offset.</summary>
    private static SqlException WindowingError(string message, int position) => new(SqlState.WindowingError, message, position + 1);
}
