namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>
/// SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT, and the special forms PostgreSQL
/// maps onto a parameter (SET TIME ZONE, SET NAMES, SET SCHEMA, SET [SESSION CHARACTERISTICS AS]
/// TRANSACTION ...). <see cref="Name"/> is the parameter name folded to lower case.
/// </summary>
public sealed class SetStatement : Statement
{
    /// <summary>The parameter, lower case (e.g. "timezone").</summary>
    public required string Name { get; init; }

    /// <summary>The value items; null for DEFAULT (and SET TIME ZONE LOCAL), which resets the parameter.</summary>
    public IReadOnlyList<SettingArgument>? Values { get; init; }

    /// <summary>SET LOCAL: the value lasts until the end of the transaction block.</summary>
    public bool IsLocal { get; init; }

    /// <summary>The SQL form for messages, e.g. "SET TRANSACTION" (null for plain SET).</summary>
    public string? Form { get; init; }
}
