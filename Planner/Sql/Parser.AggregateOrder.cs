using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Sql;

/// <summary>The orderings of aggregate calls: ORDER BY inside the argument list, and WITHIN GROUP (ORDER BY ...).</summary>
public sealed partial class Parser
{
    /// <summary>ORDER BY item [, ...] before an aggregate's closing parenthesis, or null when there is none.</summary>
    private List<OrderByItem>? ParseAggregateOrderBy()
    {
        if (!AcceptKeyword("order"))
        {
            return null;
        }

        ExpectKeyword("by");
        var items = new List<OrderByItem>();
        do
        {
            items.Add(ParseOrderByItem());
        }
        while (AcceptSymbol(","));
        return items;
    }

    /// <summary>WITHIN GROUP (ORDER BY item [, ...]) after a call, or null when there is none.</summary>
    private List<OrderByItem>? ParseWithinGroup()
    {
        if (!Current.IsKeyword("within"))
        {
            return null;
        }

        _pos++;
        ExpectKeyword("group");
        ExpectSymbol("(");
        List<OrderByItem> items = ParseAggregateOrderBy() ?? throw SyntaxError(Current);
        ExpectSymbol(")");
        return items;
    }
}
