using System.Text;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Settings;

/// <summary>
/// Reads and writes a session's run-time parameters through <see cref="SettingsCatalog"/>: what
/// SHOW, SET, RESET, current_setting() and set_config() share. Values are stored canonical in
/// <see cref="Session.Settings"/> under the lower-case name; an absent name has its default.
/// </summary>
public sealed class SessionSettings
{
    /// <summary>Checks and canonicalizes values.</summary>
    private readonly SettingValueParser _parser;

    /// <summary>Creates the settings logic; <paramref name="isKnownTimeZone"/> checks TimeZone values.</summary>
    public SessionSettings(Func<string, bool> isKnownTimeZone) => _parser = new SettingValueParser(isKnownTimeZone);

    /// <summary>The parameter's current value and its name as PostgreSQL spells it (SHOW's column); null when unknown and <paramref name="missingOk"/>.</summary>
    public string? Get(Session session, string name, bool missingOk, out string displayName)
    {
        SettingDefinition? definition = SettingsCatalog.Find(name);
        displayName = definition?.Name ?? name.ToLowerInvariant();
        if (definition is null)
        {
            if (SettingsCatalog.IsCustom(name) && session.Settings.TryGetValue(name, out string? custom))
            {
                return custom;
            }

            return missingOk ? null : throw Unrecognized(name);
        }

        return CurrentValue(session, definition);
    }

    /// <summary>The value in force for a known parameter.</summary>
    public static string CurrentValue(Session session, SettingDefinition definition)
    {
        if (session.Settings.TryGetValue(definition.Name, out string? value))
        {
            return value;
        }

        return definition.Name switch
        {
            "session_authorization" => session.User,
            "transaction_isolation" => session.Settings.GetValueOrDefault("default_transaction_isolation", "read committed"),
            "transaction_read_only" => session.Settings.GetValueOrDefault("default_transaction_read_only", "off"),
            Planner.Engine.QueryEngine.QueryMemoryLimitSetting => Executor.Memory.MemorySize.Format(Executor.Memory.QueryMemoryBudget.ServerDefaultLimit),
            _ => definition.Default,
        };
    }

    /// <summary>
    /// SET / set_config(): checks <paramref name="value"/> (null = DEFAULT, the value RESET gives),
    /// stores it and returns the canonical value. Transaction-scoped parameters
    /// (transaction_isolation) outside a block only get checked, as their effect would end with
    /// the implicit transaction.
    /// </summary>
    public string Set(Session session, string name, string? value, bool local)
    {
        SettingDefinition? definition = SettingsCatalog.Find(name);
        if (definition is null)
        {
            if (!SettingsCatalog.IsCustom(name))
            {
                throw Unrecognized(name);
            }

            string key = name.ToLowerInvariant();
            session.SetSetting(key, value ?? session.ResetValueOf(key), local);
            return value ?? string.Empty;
        }

        if (definition.Name == "session_authorization")
        {
            throw SqlException.NotSupported("SET SESSION AUTHORIZATION");
        }

        if (definition.ReadOnly)
        {
            throw new SqlException(SqlState.CantChangeRuntimeParam, $"parameter \"{definition.Name}\" cannot be changed");
        }

        string lowerName = definition.Name.ToLowerInvariant();
        bool transactionScoped = lowerName is "transaction_isolation" or "transaction_read_only";
        string? canonical = value is null
            ? session.ResetValueOf(lowerName)
            : _parser.Normalize(definition, value, CurrentValue(session, definition));
        if (transactionScoped && session.Transaction == TransactionState.Idle)
        {
            return canonical ?? CurrentValue(session, definition);
        }

        session.SetSetting(lowerName, canonical, local || transactionScoped);
        return CurrentValue(session, definition);
    }

    /// <summary>Applies a startup-packet parameter: as SET, so an unknown name or bad value fails the connection the way PostgreSQL does.</summary>
    public void ApplyStartup(Session session, string name, string value) => Set(session, name, value, local: false);

    /// <summary>
    /// The value text of a SET statement, as PostgreSQL's flatten_set_variable_args makes it: one
    /// item for a plain parameter (42601 otherwise), items joined by ", " for a list parameter,
    /// where names and strings are quoted as identifiers when they need it.
    /// </summary>
    public static string? Flatten(SetStatement set)
    {
        if (set.Values is null)
        {
            return null;
        }

        SettingDefinition? definition = SettingsCatalog.Find(set.Name);
        bool isList = definition?.IsList == true;
        if (!isList && set.Values.Count > 1)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"SET {set.Name} takes only one argument");
        }

        var text = new StringBuilder();
        foreach (SettingArgument argument in set.Values)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(isList && argument.Kind != SettingArgumentKind.Number ? QuoteIdentifier(argument.Text) : argument.Text);
        }

        return text.ToString();
    }

    /// <summary>PostgreSQL's quote_identifier without the keyword check: quoted unless [a-z_][a-z0-9_]*.</summary>
    public static string QuoteIdentifier(string name)
    {
        bool safe = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_');
        foreach (char c in name)
        {
            safe &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_';
        }

        return safe ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>42704 for a parameter nobody defined.</summary>
    public static SqlException Unrecognized(string name) =>
        new(SqlState.UndefinedObject, $"unrecognized configuration parameter \"{name}\"");
}
