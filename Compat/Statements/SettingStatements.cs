using IOx.Pg.Compat.Settings;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Statements;

/// <summary>SET, RESET and SHOW (PostgreSQL's tags SET / RESET / SHOW; SHOW answers one text column named as the parameter).</summary>
internal static class SettingStatements
{
    /// <summary>SET [SESSION | LOCAL] name {TO | =} value | DEFAULT.</summary>
    public static QueryResult Set(SetStatement set, Session session, SessionSettings settings)
    {
        string? value = SessionSettings.Flatten(set);
        if ((set.IsLocal || set.Form == "SET TRANSACTION") && session.Transaction == TransactionState.Idle)
        {
            // PostgreSQL warns and checks nothing further: the value would end with the implicit transaction.
            string form = set.Form == "SET TRANSACTION" ? "SET TRANSACTION" : "SET LOCAL";
            session.Notices.Add(new SessionNotice("WARNING", SqlState.NoActiveSqlTransaction, $"{form} can only be used in transaction blocks"));
            if (SettingsCatalog.Find(set.Name) is null && !SettingsCatalog.IsCustom(set.Name))
            {
                throw SessionSettings.Unrecognized(set.Name);
            }

            return QueryResult.Command("SET");
        }

        settings.Set(session, set.Name, value, set.IsLocal);
        return QueryResult.Command("SET");
    }

    /// <summary>RESET name | RESET ALL.</summary>
    public static QueryResult Reset(ResetStatement reset, Session session, SessionSettings settings)
    {
        if (reset.Name is not null)
        {
            settings.Set(session, reset.Name, null, local: false);
            return QueryResult.Command("RESET");
        }

        ResetAll(session, settings);
        return QueryResult.Command("RESET");
    }

    /// <summary>RESET ALL: every settable parameter back to its reset value (custom placeholders too).</summary>
    public static void ResetAll(Session session, SessionSettings settings)
    {
        foreach (SettingDefinition definition in SettingsCatalog.All)
        {
            if (!definition.ReadOnly && definition.Name is not ("transaction_isolation" or "transaction_read_only"))
            {
                settings.Set(session, definition.Name, null, local: false);
            }
        }

        foreach (string name in new List<string>(session.Settings.Keys))
        {
            if (SettingsCatalog.IsCustom(name))
            {
                session.SetSetting(name, session.ResetValueOf(name), local: false);
            }
        }
    }

    /// <summary>SHOW name | SHOW ALL.</summary>
    public static QueryResult Show(ShowStatement show, Session session, SessionSettings settings)
    {
        if (show.Name == "all")
        {
            var rows = new List<string[]>();
            foreach (SettingDefinition definition in SettingsCatalog.All)
            {
                rows.Add([definition.Name, SessionSettings.CurrentValue(session, definition), definition.Description]);
            }

            return TextRows.Build("SHOW", ["name", "setting", "description"], rows);
        }

        string value = settings.Get(session, show.Name, missingOk: false, out string displayName)!;
        return TextRows.Build("SHOW", [displayName], [[value]]);
    }
}
