namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>DROP TABLE [IF EXISTS] name [, ...] [CASCADE | RESTRICT] and DROP DATABASE [IF EXISTS] name.</summary>
public sealed class DropStatement : Statement
{
    /// <summary>True for DROP DATABASE, false for DROP TABLE.</summary>
    public required bool Database { get; init; }

    /// <summary>The names, in statement order (one for DROP DATABASE).</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>0-based offset of each name in the query string, parallel to <see cref="Names"/> (for error positions).</summary>
    public required IReadOnlyList<int> NameOffsets { get; init; }

    /// <summary>Per name, the schema written before it (DROP TABLE s.t), or null; only <c>public</c> holds tables.</summary>
    public required IReadOnlyList<string?> Schemas { get; init; }

    /// <summary>IF EXISTS: a missing name is a notice, not an error.</summary>
    public bool IfExists { get; init; }

    /// <summary>The command tag: DROP TABLE or DROP DATABASE.</summary>
    public string CommandTag => Database ? "DROP DATABASE" : "DROP TABLE";
}
