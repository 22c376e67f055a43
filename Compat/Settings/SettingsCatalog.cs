namespace IOx.Pg.Compat.Settings;

/// <summary>
/// The run-time parameters IOx.Pg knows, with PostgreSQL 15's names, defaults and value rules:
/// those clients read or send on connect (psql, Npgsql, pgjdbc, psycopg) and those that change
/// what the server does. A name not here and without a dot is 42704; "class.name" is a custom
/// placeholder any client may set, as in PostgreSQL.
/// </summary>
public static class SettingsCatalog
{
    /// <summary>PostgreSQL's version as reported to clients (drivers parse it).</summary>
    public const string ServerVersion = "15.0";

    /// <summary>The same as a number (server_version_num).</summary>
    public const string ServerVersionNum = "150000";

    /// <summary>The four transaction isolation levels, in PostgreSQL's order.</summary>
    private static readonly string[] s_isolationLevels = ["serializable", "repeatable read", "read committed", "read uncommitted"];

    /// <summary>
    /// Read committed is what one statement at a time over the write buffer gives; read uncommitted
    /// is the same in PostgreSQL. Repeatable read and serializable would need one snapshot for the
    /// whole block, which is not built.
    /// </summary>
    private static readonly string[] s_supportedIsolation = ["read committed", "read uncommitted"];

    /// <summary>Message levels for client_min_messages.</summary>
    private static readonly string[] s_messageLevels = ["debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"];

    /// <summary>Every definition, sorted by name case-insensitively (SHOW ALL's order).</summary>
    public static readonly IReadOnlyList<SettingDefinition> All = Sorted(
    [
        new("application_name", SettingKind.String, "", "Sets the application name to be reported in statistics and logs."),
        new("bytea_output", SettingKind.Enum, "hex", "Sets the output format for bytea.") { Values = ["escape", "hex"] },
        new("client_encoding", SettingKind.String, "UTF8", "Sets the client's character set encoding."),
        new("client_min_messages", SettingKind.Enum, "notice", "Sets the message levels that are sent to the client.") { Values = s_messageLevels },
        new("DateStyle", SettingKind.String, "ISO, MDY", "Sets the display format for date and time values."),
        new("default_transaction_isolation", SettingKind.Enum, "read committed", "Sets the transaction isolation level of each new transaction.") { Values = s_isolationLevels, Supported = s_supportedIsolation },
        new("default_transaction_read_only", SettingKind.Boolean, "off", "Sets the default read-only status of new transactions."),
        new("extra_float_digits", SettingKind.Integer, "1", "Sets the number of digits displayed for floating-point values.") { Min = -15, Max = 3 },
        new(Planner.Engine.QueryEngine.QueryMemoryLimitSetting, SettingKind.String, "1GB", "Sets the most memory one query's operators may keep together (sorts, hash tables, windows, work tables); IOx.Pg's own, unlike work_mem per operation."),
        new("in_hot_standby", SettingKind.Boolean, "off", "Shows whether hot standby is currently active.") { ReadOnly = true },
        new("integer_datetimes", SettingKind.Boolean, "on", "Shows whether datetimes are integer based.") { ReadOnly = true },
        new("IntervalStyle", SettingKind.Enum, "postgres", "Sets the display format for interval values.") { Values = ["postgres", "postgres_verbose", "sql_standard", "iso_8601"], Supported = ["postgres"] },
        new("is_superuser", SettingKind.Boolean, "on", "Shows whether the current user is a superuser.") { ReadOnly = true },
        new("lc_collate", SettingKind.String, "C", "Shows the collation order locale.") { ReadOnly = true },
        new("lc_ctype", SettingKind.String, "C", "Shows the character classification and case conversion locale.") { ReadOnly = true },
        new("lc_messages", SettingKind.String, "C", "Sets the language in which messages are displayed."),
        new("lc_monetary", SettingKind.String, "C", "Sets the locale for formatting monetary amounts."),
        new("lc_numeric", SettingKind.String, "C", "Sets the locale for formatting numbers."),
        new("lc_time", SettingKind.String, "C", "Sets the locale for formatting date and time values."),
        new("max_identifier_length", SettingKind.Integer, "63", "Shows the maximum identifier length.") { ReadOnly = true },
        new("search_path", SettingKind.String, "\"$user\", public", "Sets the schema search order for names that are not schema-qualified.") { IsList = true },
        new("server_encoding", SettingKind.String, "UTF8", "Shows the server (database) character set encoding.") { ReadOnly = true },
        new("server_version", SettingKind.String, ServerVersion, "Shows the server version.") { ReadOnly = true },
        new("server_version_num", SettingKind.Integer, ServerVersionNum, "Shows the server version as an integer.") { ReadOnly = true },
        new("session_authorization", SettingKind.String, "", "Sets the session user name.") { ReadOnly = true },
        new("standard_conforming_strings", SettingKind.Boolean, "on", "Causes '...' strings to treat backslashes literally.") { Supported = ["on"] },
        new("statement_timeout", SettingKind.Integer, "0", "Sets the maximum allowed duration of any statement.") { Unit = "ms", Min = 0 },
        new("TimeZone", SettingKind.String, "UTC", "Sets the time zone for displaying and interpreting time stamps."),
        new("transaction_isolation", SettingKind.Enum, "read committed", "Sets the current transaction's isolation level.") { Values = s_isolationLevels, Supported = s_supportedIsolation },
        new("transaction_read_only", SettingKind.Boolean, "off", "Sets the current transaction's read-only status."),
    ]);

    /// <summary>Definitions by name, case-insensitive.</summary>
    private static readonly Dictionary<string, SettingDefinition> s_byName = Index(All);

    /// <summary>The definition of <paramref name="name"/>, or null.</summary>
    public static SettingDefinition? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is a custom placeholder ("class.name"), which PostgreSQL lets anyone set.</summary>
    public static bool IsCustom(string name) => name.Contains('.', StringComparison.Ordinal);

    /// <summary>Sorts by name, case-insensitively, as SHOW ALL lists them.</summary>
    private static SettingDefinition[] Sorted(SettingDefinition[] definitions)
    {
        Array.Sort(definitions, static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        return definitions;
    }

    /// <summary>Builds the name index.</summary>
    private static Dictionary<string, SettingDefinition> Index(IReadOnlyList<SettingDefinition> definitions)
    {
        var index = new Dictionary<string, SettingDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (SettingDefinition definition in definitions)
        {
            index[definition.Name] = definition;
        }

        return index;
    }
}
