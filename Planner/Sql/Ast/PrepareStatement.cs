namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>PREPARE name [(type, ...)] AS statement.</summary>
public sealed class PrepareStatement : Statement
{
    /// <summary>The name (folded).</summary>
    public required string Name { get; init; }

    /// <summary>The declared parameter types.</summary>
    public required IReadOnlyList<TypeName> ParameterTypes { get; init; }

    /// <summary>The statement prepared.</summary>
    public required Statement Body { get; init; }
}
