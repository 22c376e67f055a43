using IOx.Pg.Compat.Settings;
using IOx.Pg.Planner.Engine;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// The run-time parameters PostgreSQL 15 reports with ParameterStatus (GUC_REPORT) at startup
/// and whenever a statement changes one, with where each value comes from.
/// </summary>
internal static class ReportedParameters
{
    /// <summary>Parameter names as reported (case as PostgreSQL spells them).</summary>
    public static readonly string[] Names =
    [
        "application_name",
        "client_encoding",
        "DateStyle",
        "default_transaction_read_only",
        "in_hot_standby",
        "integer_datetimes",
        "IntervalStyle",
        "is_superuser",
        "server_encoding",
        "server_version",
        "session_authorization",
        "standard_conforming_strings",
        "TimeZone",
    ];

    /// <summary>The current value of <paramref name="name"/> in <paramref name="session"/>, as SHOW gives it.</summary>
    public static string ValueOf(string name, Session session) =>
        SessionSettings.CurrentValue(session, SettingsCatalog.Find(name) ?? throw new InvalidOperationException($"{name} is not a known setting"));
}
