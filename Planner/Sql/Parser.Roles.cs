using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// CREATE / ALTER / DROP ROLE and USER (PostgreSQL 15 grammar, the options IOx.Pg keeps: LOGIN,
/// SUPERUSER, PASSWORD). Privilege options that only matter with a privilege system we do not have
/// (CREATEDB, CREATEROLE, INHERIT, REPLICATION, BYPASSRLS) are refused with 0A000, as are the rest.
/// </summary>
public sealed partial class Parser
{
    /// <summary>
    /// CREATE DATABASE name [WITH (retention = 'period')]. PostgreSQL's options (OWNER, TEMPLATE,
    /// ENCODING, ...) are 0A000.
    /// </summary>
    private CreateDatabaseStatement ParseCreateDatabase(int start)
    {
        _pos += 2;
        string name = ExpectName(allowReserved: false);
        TimeSpan? retention = ParseCreateDatabaseOptions();
        if (Current.Kind == TokenKind.Identifier && !Current.IsSymbol(";"))
        {
            throw SqlException.NotSupported($"CREATE DATABASE option {Current.Text.ToUpperInvariant()}", Current.Offset + 1);
        }

        return new CreateDatabaseStatement { Name = name, Retention = retention, Text = StatementText(start), Offset = start };
    }

    /// <summary>Whether the tokens at the current position start a role statement.</summary>
    private bool AtRoleStatement() =>
        (Current.IsKeyword("create") || Current.IsKeyword("alter") || Current.IsKeyword("drop"))
        && (PeekToken(1).IsKeyword("role") || PeekToken(1).IsKeyword("user"));

    /// <summary>The role statement at the current position.</summary>
    private RoleStatement ParseRoleStatement(int start)
    {
        string verb = Current.Text;
        bool user = PeekToken(1).IsKeyword("user");
        _pos += 2;
        if (verb == "drop")
        {
            bool ifExists = false;
            if (Current.IsKeyword("if") && PeekToken(1).IsKeyword("exists"))
            {
                _pos += 2;
                ifExists = true;
            }

            var names = new List<string>();
            do
            {
                names.Add(ExpectName(allowReserved: false));
            }
            while (AcceptSymbol(","));
            return new RoleStatement { Action = RoleAction.Drop, Names = names, IfExists = ifExists, Text = StatementText(start), Offset = start };
        }

        string name = ExpectName(allowReserved: false);
        AcceptKeyword("with");
        bool? login = verb == "create" && user ? true : null;
        bool? superuser = null;
        bool passwordGiven = false;
        string? password = null;
        while (Current.Kind == TokenKind.Identifier)
        {
            int position = Current.Offset;
            string option = Current.Text;
            _pos++;
            switch (option)
            {
                case "login" or "nologin":
                    login = option == "login";
                    break;
                case "superuser" or "nosuperuser":
                    superuser = option == "superuser";
                    break;
                case "encrypted" when Current.IsKeyword("password"):
                case "password":
                    if (option == "encrypted")
                    {
                        _pos++;
                    }

                    passwordGiven = true;
                    if (AcceptKeyword("null"))
                    {
                        password = null;
                    }
                    else if (Current.Kind == TokenKind.String)
                    {
                        password = Current.Text;
                        _pos++;
                    }
                    else
                    {
                        throw SyntaxError(Current);
                    }

                    break;
                default:
                    throw SqlException.NotSupported($"role option {option.ToUpperInvariant()} (IOx.Pg keeps LOGIN, SUPERUSER and PASSWORD)", position + 1);
            }
        }

        return new RoleStatement
        {
            Action = verb == "create" ? RoleAction.Create : RoleAction.Alter,
            Names = [name],
            Login = login,
            Superuser = superuser,
            PasswordGiven = passwordGiven,
            Password = password,
            Text = StatementText(start),
            Offset = start,
        };
    }
}
