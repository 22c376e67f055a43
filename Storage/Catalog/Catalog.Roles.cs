using IOx.Pg.Storage.Errors;
using Microsoft.Data.Sqlite;

namespace IOx.Pg.Storage.Catalog;

/// <summary>Login roles (CREATE / ALTER / DROP ROLE), with PostgreSQL's errors.</summary>
public sealed partial class Catalog
{
    /// <summary>Adds <paramref name="role"/>; 42710 when the name is taken.</summary>
    public void CreateRole(CatalogRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand insert = Command(
            connection,
            null,
            "INSERT INTO roles (name, password_verifier, can_login, superuser, created_at_ns) VALUES ($n, $v, $l, $s, $now)");
        BindRole(insert, role);
        insert.Parameters.AddWithValue("$now", NowNanoseconds());
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == 1555)
        {
            // SQLITE_CONSTRAINT_PRIMARYKEY: the name.
            throw new SqlException(SqlState.DuplicateObject, $"role \"{role.Name}\" already exists");
        }
    }

    /// <summary>Replaces the attributes of an existing role; 42704 when there is none.</summary>
    public void UpdateRole(CatalogRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand update = Command(connection, null, "UPDATE roles SET password_verifier = $v, can_login = $l, superuser = $s WHERE name = $n");
        BindRole(update, role);
        if (update.ExecuteNonQuery() == 0)
        {
            throw new SqlException(SqlState.UndefinedObject, $"role \"{role.Name}\" does not exist");
        }
    }

    /// <summary>Removes the role; false when it did not exist.</summary>
    public bool DropRole(string name)
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand delete = Command(connection, null, "DELETE FROM roles WHERE name = $n");
        delete.Parameters.AddWithValue("$n", name);
        return delete.ExecuteNonQuery() > 0;
    }

    /// <summary>The role named <paramref name="name"/>, or null.</summary>
    public CatalogRole? GetRole(string name)
    {
        foreach (CatalogRole role in ListRoles())
        {
            if (role.Name == name)
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>Every role, by name.</summary>
    public IReadOnlyList<CatalogRole> ListRoles()
    {
        using SqliteConnection connection = OpenConnection();
        using SqliteCommand select = Command(connection, null, "SELECT name, password_verifier, can_login, superuser FROM roles ORDER BY name");
        using SqliteDataReader reader = select.ExecuteReader();
        var roles = new List<CatalogRole>();
        while (reader.Read())
        {
            roles.Add(new CatalogRole(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0));
        }

        return roles;
    }

    /// <summary>Binds $n, $v, $l, $s.</summary>
    private static void BindRole(SqliteCommand command, CatalogRole role)
    {
        command.Parameters.AddWithValue("$n", role.Name);
        command.Parameters.AddWithValue("$v", (object?)role.PasswordVerifier ?? DBNull.Value);
        command.Parameters.AddWithValue("$l", role.CanLogin ? 1 : 0);
        command.Parameters.AddWithValue("$s", role.Superuser ? 1 : 0);
    }
}
