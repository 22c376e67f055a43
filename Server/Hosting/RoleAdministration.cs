using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire.Auth;
using IOx.Pg.Server.PgWire;
using IOx.Pg.Storage.Catalog;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// CREATE / ALTER / DROP ROLE: roles live in the catalog (so they survive restarts) and the login
/// ones with a password are mirrored into the listener's <see cref="PgRoles"/>. Only the SCRAM
/// verifier is stored (a password given as a verifier in PostgreSQL's text form is kept as is,
/// as PostgreSQL does); md5 clients are then asked for SCRAM. There is no privilege system yet:
/// any session may run these statements.
/// </summary>
internal sealed class RoleAdministration(Catalog catalog, PgRoles logins)
{
    /// <summary>Loads every catalog role that can log in with a password into the login roles.</summary>
    public void Load()
    {
        foreach (CatalogRole role in catalog.ListRoles())
        {
            Mirror(role);
        }
    }

    /// <summary>Runs one statement.</summary>
    /// <exception cref="SqlException">42710 role exists, 42704 no such role, 55006 dropping the session's own role.</exception>
    public void Execute(RoleStatement statement, Session session)
    {
        switch (statement.Action)
        {
            case RoleAction.Create:
            {
                var role = new CatalogRole(statement.Names[0], Verifier(statement), statement.Login ?? false, statement.Superuser ?? false);
                catalog.CreateRole(role);
                Mirror(role);
                break;
            }

            case RoleAction.Alter:
            {
                string name = statement.Names[0];
                CatalogRole existing = catalog.GetRole(name) ?? throw new SqlException(SqlState.UndefinedObject, $"role \"{name}\" does not exist");
                var role = new CatalogRole(
                    name,
                    statement.PasswordGiven ? Verifier(statement) : existing.PasswordVerifier,
                    statement.Login ?? existing.CanLogin,
                    statement.Superuser ?? existing.Superuser);
                catalog.UpdateRole(role);
                Mirror(role);
                break;
            }

            default:
                foreach (string name in statement.Names)
                {
                    if (name == session.User)
                    {
                        throw new SqlException(SqlState.ObjectInUse, "current user cannot be dropped");
                    }
                }

                foreach (string name in statement.Names)
                {
                    if (!catalog.DropRole(name) && !statement.IfExists)
                    {
                        throw new SqlException(SqlState.UndefinedObject, $"role \"{name}\" does not exist");
                    }

                    logins.Remove(name);
                }

                break;
        }
    }

    /// <summary>The verifier to store: a given SCRAM verifier as is, else one computed from the password.</summary>
    private static string? Verifier(RoleStatement statement)
    {
        if (statement.Password is null)
        {
            return null;
        }

        if (statement.Password.Length == 0)
        {
            // PostgreSQL: an empty password is the same as none (with a notice).
            return null;
        }

        return ScramVerifier.TryParse(statement.Password, out ScramVerifier? given) ? given.ToString() : ScramVerifier.Create(statement.Password).ToString();
    }

    /// <summary>Makes the login roles agree with <paramref name="role"/>.</summary>
    private void Mirror(CatalogRole role)
    {
        if (role.CanLogin && role.PasswordVerifier is not null && ScramVerifier.TryParse(role.PasswordVerifier, out ScramVerifier? verifier))
        {
            logins.Set(role.Name, verifier);
        }
        else
        {
            logins.Remove(role.Name);
        }
    }
}
