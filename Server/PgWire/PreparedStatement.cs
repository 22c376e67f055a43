using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// A statement prepared by a Parse message: its text, the parsed statement (null for an empty
/// query string) and the declared parameter types, and what the engine inferred when preparing it.
/// </summary>
internal sealed class PreparedStatement
{
    /// <summary>Creates a prepared statement.</summary>
    public PreparedStatement(string name, string sql, Statement? statement, int[] parameterTypes)
    {
        Name = name;
        Sql = sql;
        Statement = statement;
        ParameterTypes = parameterTypes;
    }

    /// <summary>The statement name; empty for the unnamed statement.</summary>
    public string Name { get; }

    /// <summary>The query text as sent.</summary>
    public string Sql { get; }

    /// <summary>The parsed statement, or null when the text held none (Execute answers EmptyQueryResponse).</summary>
    public Statement? Statement { get; }

    /// <summary>Declared parameter type OIDs ($1 first); 0 = unspecified.</summary>
    public int[] ParameterTypes { get; }

    /// <summary>
    /// What the engine said at Parse: every parameter's type (declared or inferred) and, for a
    /// query, its columns. Null for an empty query string.
    /// </summary>
    public PreparedQuery? Query { get; init; }

    /// <summary>How many parameter values a Bind must supply.</summary>
    public int ParameterCount => Query?.ParameterTypes.Count ?? ParameterTypes.Length;

    /// <summary>
    /// A result started by Describe (statement) and not consumed yet. Describe needs the columns,
    /// which only Execute yields; a Bind before the next Sync hands this result to its portal, so
    /// the statement runs once per client execution instead of once for Describe and again for
    /// Execute. Sync drops it: an execution in a later batch starts afresh.
    /// </summary>
    public QueryResult? PendingResult { get; set; }

    /// <summary>The error text PostgreSQL uses when this statement is missing.</summary>
    public static string MissingMessage(string name) =>
        name.Length == 0 ? "unnamed prepared statement does not exist" : $"prepared statement \"{name}\" does not exist";
}
