using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What a statement needs to know about the connection running it: the database (an InfluxDB
/// database), the user, session settings (SET/SHOW), the transaction block state, SQL-level
/// prepared statements, and the statement's start time, which fixes now() for the whole
/// statement. Owned by one connection; not thread-safe.
/// </summary>
public sealed class Session
{
    /// <summary>Setting values in force when the block began; null outside a block. ROLLBACK restores them.</summary>
    private Dictionary<string, string>? _blockStart;

    /// <summary>Values set by plain (session) SET inside the block: they survive COMMIT, where SET LOCAL values do not.</summary>
    private readonly Dictionary<string, string> _sessionSetsInBlock = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Open savepoints, innermost last, each with the settings to restore on ROLLBACK TO.</summary>
    private readonly List<SavepointState> _savepoints = [];

    /// <summary>Values RESET returns to: the defaults overlaid with the connect-time (startup) values.</summary>
    private Dictionary<string, string> _resetValues = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a session for <paramref name="database"/> and <paramref name="user"/>.</summary>
    public Session(string database, string user)
    {
        Database = database;
        User = user;
    }

    /// <summary>The database named at connect.</summary>
    public string Database { get; }

    /// <summary>The user named at connect.</summary>
    public string User { get; }

    /// <summary>The backend process id reported to the client (pg_backend_pid()).</summary>
    public int ProcessId { get; init; }

    /// <summary>What pg_stat_activity shows of this session, and every session of the server; null for a bare engine.</summary>
    public SessionActivity? Activity { get; set; }

    /// <summary>The server's connected sessions (pg_stat_activity), or null for a bare engine.</summary>
    public SessionRegistry? Registry { get; init; }

    /// <summary>The port the client connected to (inet_server_port()), or null when not over TCP.</summary>
    public int? ServerPort { get; init; }

    /// <summary>
    /// The layer that executes session statements and binds client-facing functions (Compat);
    /// null for a bare engine, where those statements are 0A000.
    /// </summary>
    public IEngineExtension? Extension { get; init; }

    /// <summary>
    /// Current session settings by name, case-insensitive (TimeZone as "timezone", ...). A name
    /// missing here has its built-in default. Change values through <see cref="SetSetting"/> so
    /// transaction blocks can undo them.
    /// </summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["timezone"] = "UTC",
        ["datestyle"] = "ISO, MDY",
        ["application_name"] = "",
        ["client_encoding"] = "UTF8",
        ["extra_float_digits"] = "1",
    };

    /// <summary>The start of the statement now running, in nanoseconds since the epoch (UTC); now() returns it.</summary>
    public long StatementStartNanoseconds { get; set; }

    /// <summary>Whether the session is outside a block, in one, or in one that failed.</summary>
    public TransactionState Transaction { get; private set; }

    /// <summary>Prepared statements made with SQL PREPARE, by name.</summary>
    public Dictionary<string, PrepareStatement> PreparedStatements { get; } = new(StringComparer.Ordinal);

    /// <summary>Notices (warnings) raised by the statement just run, for the connection to send and clear.</summary>
    public List<SessionNotice> Notices { get; } = [];

    /// <summary>Incremented by DEALLOCATE ALL / DISCARD ALL: the connection then drops its protocol-level prepared statements too.</summary>
    public int DiscardGeneration { get; private set; }

    /// <summary>Records the current settings as what RESET returns to (called once startup parameters are applied).</summary>
    public void CaptureResetValues() => _resetValues = new Dictionary<string, string>(Settings, StringComparer.OrdinalIgnoreCase);

    /// <summary>The value RESET gives <paramref name="name"/>, or null when it has none of its own (the built-in default applies).</summary>
    public string? ResetValueOf(string name) => _resetValues.TryGetValue(name, out string? value) ? value : null;

    /// <summary>
    /// Sets <paramref name="name"/> (null <paramref name="value"/>: back to the built-in default).
    /// Inside a block the change is undone by ROLLBACK, and a LOCAL one also by COMMIT.
    /// </summary>
    public void SetSetting(string name, string? value, bool local)
    {
        if (value is null)
        {
            Settings.Remove(name);
        }
        else
        {
            Settings[name] = value;
        }

        if (_blockStart is not null && !local)
        {
            // A session value set in the block: COMMIT keeps it (null marks "removed").
            _sessionSetsInBlock[name] = value ?? string.Empty;
            if (value is null)
            {
                _sessionSetsInBlock.Remove(name);
                _blockStart.Remove(name);
            }
        }
    }

    /// <summary>BEGIN: enters a transaction block.</summary>
    public void BeginBlock()
    {
        _blockStart = new Dictionary<string, string>(Settings, StringComparer.OrdinalIgnoreCase);
        _sessionSetsInBlock.Clear();
        _savepoints.Clear();
        Transaction = TransactionState.InBlock;
    }

    /// <summary>
    /// COMMIT (<paramref name="commit"/>) or ROLLBACK: leaves the block. Settings return to their
    /// values at BEGIN, plus, on a successful COMMIT, the session-level SETs made in the block.
    /// </summary>
    public void EndBlock(bool commit)
    {
        if (_blockStart is null)
        {
            return;
        }

        Settings.Clear();
        foreach (KeyValuePair<string, string> pair in _blockStart)
        {
            Settings[pair.Key] = pair.Value;
        }

        if (commit && Transaction == TransactionState.InBlock)
        {
            foreach (KeyValuePair<string, string> pair in _sessionSetsInBlock)
            {
                Settings[pair.Key] = pair.Value;
            }
        }

        _blockStart = null;
        _sessionSetsInBlock.Clear();
        _savepoints.Clear();
        Transaction = TransactionState.Idle;
    }

    /// <summary>An error inside a block: the block fails until ROLLBACK (outside a block nothing changes).</summary>
    public void MarkFailed()
    {
        if (Transaction == TransactionState.InBlock)
        {
            Transaction = TransactionState.Failed;
        }
    }

    /// <summary>SAVEPOINT <paramref name="name"/> (inside a block).</summary>
    public void Savepoint(string name) =>
        _savepoints.Add(new SavepointState(name, new Dictionary<string, string>(Settings, StringComparer.OrdinalIgnoreCase), new Dictionary<string, string>(_sessionSetsInBlock, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// ROLLBACK TO <paramref name="name"/> (<paramref name="release"/> false: the savepoint stays,
    /// settings return to it and a failed block recovers) or RELEASE (later savepoints go too).
    /// False when no such savepoint exists.
    /// </summary>
    public bool EndSavepoint(string name, bool release)
    {
        int index = _savepoints.FindLastIndex(s => s.Name == name);
        if (index < 0)
        {
            return false;
        }

        if (release)
        {
            _savepoints.RemoveRange(index, _savepoints.Count - index);
            return true;
        }

        SavepointState state = _savepoints[index];
        _savepoints.RemoveRange(index + 1, _savepoints.Count - index - 1);
        Settings.Clear();
        foreach (KeyValuePair<string, string> pair in state.Settings)
        {
            Settings[pair.Key] = pair.Value;
        }

        _sessionSetsInBlock.Clear();
        foreach (KeyValuePair<string, string> pair in state.SessionSets)
        {
            _sessionSetsInBlock[pair.Key] = pair.Value;
        }

        Transaction = TransactionState.InBlock;
        return true;
    }

    /// <summary>DEALLOCATE ALL / DISCARD ALL: drops SQL prepared statements and tells the connection to drop its own.</summary>
    public void DeallocateAll()
    {
        PreparedStatements.Clear();
        DiscardGeneration++;
    }

    /// <summary>DISCARD ALL asked the connection to close every cursor (CLOSE ALL); the connection clears it once done.</summary>
    public bool DiscardedCursors { get; set; }

    /// <summary>A savepoint: its name and the settings (current and session-level) at the time it was taken.</summary>
    private sealed record SavepointState(string Name, Dictionary<string, string> Settings, Dictionary<string, string> SessionSets);
}
