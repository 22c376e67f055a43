using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// The life-cycle statements of databases and tables: DROP TABLE, DROP DATABASE, ALTER DATABASE
/// ... SET / RESET retention, and CREATE DATABASE's WITH (retention = ...) option. Forms PostgreSQL
/// has and IOx.Pg does not (ALTER DATABASE RENAME, OWNER, other settings) are 0A000.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Parses DROP TABLE / DROP DATABASE / ALTER DATABASE if the current words start one.</summary>
    private bool TryParseLifecycleStatement(int start, out Statement? statement)
    {
        statement = null;
        if (Current.IsKeyword("drop") && (PeekToken(1).IsKeyword("table") || PeekToken(1).IsKeyword("database")))
        {
            statement = ParseDrop(start);
            return true;
        }

        if (Current.IsKeyword("alter") && PeekToken(1).IsKeyword("database"))
        {
            statement = ParseAlterDatabase(start);
            return true;
        }

        return false;
    }

    /// <summary>DROP TABLE [IF EXISTS] [schema.]name [, ...] [CASCADE | RESTRICT] or DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)].</summary>
    private DropStatement ParseDrop(int start)
    {
        bool database = PeekToken(1).IsKeyword("database");
        _pos += 2;
        bool ifExists = false;
        if (Current.IsKeyword("if") && PeekToken(1).IsKeyword("exists"))
        {
            _pos += 2;
            ifExists = true;
        }

        var names = new List<string>();
        var schemas = new List<string?>();
        var offsets = new List<int>();
        do
        {
            offsets.Add(Current.Offset);
            string name = ExpectName(allowReserved: false);
            string? schema = null;
            if (!database && AcceptSymbol("."))
            {
                schema = name;
                name = ExpectName(allowReserved: true);
            }

            names.Add(name);
            schemas.Add(schema);
        }
        while (!database && AcceptSymbol(","));

        if (database)
        {
            // FORCE (PostgreSQL 13+) ends other sessions' use of the database; here other sessions
            // never block a drop (their running queries finish on what they read), so it changes nothing.
            bool with = AcceptKeyword("with");
            if (with || Current.IsSymbol("("))
            {
                ExpectSymbol("(");
                if (!AcceptKeyword("force"))
                {
                    throw SqlException.NotSupported($"DROP DATABASE option {Current.Text.ToUpperInvariant()}", Current.Offset + 1);
                }

                ExpectSymbol(")");
            }
        }
        else
        {
            // No table depends on another (no views, no foreign keys), so both mean the same.
            _ = AcceptKeyword("cascade") || AcceptKeyword("restrict");
        }

        return new DropStatement
        {
            Database = database,
            Names = names,
            Schemas = schemas,
            NameOffsets = offsets,
            IfExists = ifExists,
            Text = StatementText(start),
            Offset = start,
        };
    }

    /// <summary>ALTER DATABASE name SET retention { = | TO } 'period' | DEFAULT, or RESET retention.</summary>
    private AlterDatabaseStatement ParseAlterDatabase(int start)
    {
        _pos += 2;
        string name = ExpectName(allowReserved: false);
        if (AcceptKeyword("reset"))
        {
            ExpectRetentionOption();
            return new AlterDatabaseStatement { Name = name, Retention = null, Text = StatementText(start), Offset = start };
        }

        if (!AcceptKeyword("set"))
        {
            throw SqlException.NotSupported($"ALTER DATABASE {Current.Text.ToUpperInvariant()}", Current.Offset + 1);
        }

        ExpectRetentionOption();
        if (!AcceptKeyword("to"))
        {
            ExpectSymbol("=");
        }

        TimeSpan? retention = AcceptKeyword("default") ? null : ParseRetentionValue();
        return new AlterDatabaseStatement { Name = name, Retention = retention, Text = StatementText(start), Offset = start };
    }

    /// <summary>After CREATE DATABASE name: WITH ( retention = 'period' ), or nothing.</summary>
    private TimeSpan? ParseCreateDatabaseOptions()
    {
        if (!(Current.IsKeyword("with") && PeekToken(1).IsSymbol("(")))
        {
            return null;
        }

        _pos += 2;
        TimeSpan? retention = null;
        do
        {
            ExpectRetentionOption();
            ExpectSymbol("=");
            retention = ParseRetentionValue();
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        return retention;
    }

    /// <summary>The option name retention (or retention_period); any other setting is 0A000.</summary>
    private void ExpectRetentionOption()
    {
        if (!AcceptKeyword("retention") && !AcceptKeyword("retention_period"))
        {
            throw Current.Kind == TokenKind.Identifier
                ? SqlException.NotSupported($"database option {Current.Text}", Current.Offset + 1)
                : SyntaxError(Current);
        }
    }

    /// <summary>A retention period: a string literal ('30 days', '30d').</summary>
    private TimeSpan ParseRetentionValue()
    {
        Token value = Current;
        if (value.Kind != TokenKind.String)
        {
            throw SyntaxError(value);
        }

        _pos++;
        return RetentionPeriodText.Parse(value.Text, value.Offset + 1);
    }
}
