namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>What a role statement does.</summary>
public enum RoleAction
{
    /// <summary>CREATE ROLE / CREATE USER.</summary>
    Create,

    /// <summary>ALTER ROLE / ALTER USER.</summary>
    Alter,

    /// <summary>DROP ROLE / DROP USER.</summary>
    Drop,
}

/// <summary>
/// CREATE ROLE|USER name [WITH] options, ALTER ROLE|USER name [WITH] options, DROP ROLE|USER
/// [IF EXISTS] name [, ...]. Options set so far: LOGIN/NOLOGIN, SUPERUSER/NOSUPERUSER, [ENCRYPTED]
/// PASSWORD 'text' | NULL; unset ones are null. CREATE USER logs in unless NOLOGIN.
/// </summary>
public sealed class RoleStatement : Statement
{
    /// <summary>The action.</summary>
    public RoleAction Action { get; init; }

    /// <summary>The role names (several only for DROP).</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>DROP ... IF EXISTS.</summary>
    public bool IfExists { get; init; }

    /// <summary>LOGIN (true), NOLOGIN (false), or not said.</summary>
    public bool? Login { get; init; }

    /// <summary>SUPERUSER (true), NOSUPERUSER (false), or not said.</summary>
    public bool? Superuser { get; init; }

    /// <summary>Whether PASSWORD was given.</summary>
    public bool PasswordGiven { get; init; }

    /// <summary>The password (or a SCRAM verifier in PostgreSQL's text form); null for PASSWORD NULL.</summary>
    public string? Password { get; init; }

    /// <summary>The command tag: CREATE ROLE, ALTER ROLE or DROP ROLE.</summary>
    public string CommandTag => Action switch
    {
        RoleAction.Create => "CREATE ROLE",
        RoleAction.Alter => "ALTER ROLE",
        _ => "DROP ROLE",
    };
}
