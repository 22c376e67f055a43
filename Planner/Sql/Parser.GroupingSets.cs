using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Sql;

/// <summary>GROUP BY items: expressions, (), ROLLUP (...), CUBE (...) and GROUPING SETS (...), as PostgreSQL's group_by_item.</summary>
public sealed partial class Parser
{
    /// <summary>One GROUP BY item.</summary>
    private Expr ParseGroupByItem()
    {
        int position = Current.Offset;
        if (Current.IsSymbol("(") && PeekToken(1).IsSymbol(")"))
        {
            _pos += 2;
            return new GroupingSet(GroupingSetKind.Empty, []) { Position = position };
        }

        // ROLLUP and CUBE are non-reserved: only "rollup (" / "cube (" start one (PostgreSQL reads them so too).
        if ((Current.IsKeyword("rollup") || Current.IsKeyword("cube")) && PeekToken(1).IsSymbol("("))
        {
            GroupingSetKind kind = Current.IsKeyword("rollup") ? GroupingSetKind.Rollup : GroupingSetKind.Cube;
            _pos += 2;
            var items = new List<Expr>();
            do
            {
                items.Add(ParseGroupingElement(allowSets: false));
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            return new GroupingSet(kind, items) { Position = position };
        }

        if (Current.IsKeyword("grouping") && PeekToken(1).IsKeyword("sets"))
        {
            _pos += 2;
            ExpectSymbol("(");
            var items = new List<Expr>();
            do
            {
                items.Add(ParseGroupingElement(allowSets: true));
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            return new GroupingSet(GroupingSetKind.Sets, items) { Position = position };
        }

        // GROUP BY (a, b) groups by a and b, as PostgreSQL flattens an implicit row there (ROW(a, b) stays a record).
        Expr item = ParseExpr();
        return item is RowConstructor { ExplicitRow: false } row ? new GroupingSet(GroupingSetKind.List, row.Items) { Position = position } : item;
    }

    /// <summary>
    /// An element of ROLLUP / CUBE (an expression or a parenthesized list of them) or of GROUPING
    /// SETS (also (), ROLLUP, CUBE and nested GROUPING SETS). "(a + b) * 2" is an expression: a
    /// parenthesized list is only taken when its ")" ends the element.
    /// </summary>
    private Expr ParseGroupingElement(bool allowSets)
    {
        int position = Current.Offset;
        if (allowSets && (Current.IsSymbol("(") && PeekToken(1).IsSymbol(")")
            || ((Current.IsKeyword("rollup") || Current.IsKeyword("cube")) && PeekToken(1).IsSymbol("("))
            || (Current.IsKeyword("grouping") && PeekToken(1).IsKeyword("sets"))))
        {
            return ParseGroupByItem();
        }

        if (Current.IsSymbol("("))
        {
            int start = _pos;
            _pos++;
            var items = new List<Expr>();
            do
            {
                items.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
            if (AcceptSymbol(")") && (Current.IsSymbol(",") || Current.IsSymbol(")")))
            {
                return items.Count == 1 ? items[0] : new GroupingSet(GroupingSetKind.List, items) { Position = position };
            }

            _pos = start;
        }

        return ParseExpr();
    }
}
