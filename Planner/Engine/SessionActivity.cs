namespace IOx.Pg.Planner.Engine;

/// <summary>
/// What pg_stat_activity shows of one client session: who and where it is, and what it is doing
/// (the statement text and when it, the transaction and the backend started). The connection
/// updates it at each statement and ReadyForQuery; readers on other connections take a
/// consistent copy with <see cref="Read"/>. Thread-safe (one lock per session).
/// </summary>
public sealed class SessionActivity
{
    /// <summary>Guards the mutable fields below.</summary>
    private readonly Lock _lock = new();

    /// <summary>The last statement's text ("" before the first).</summary>
    private string _query = string.Empty;

    /// <summary>When that statement started (ns since the epoch, UTC); 0 before the first.</summary>
    private long _queryStart;

    /// <summary>When the current transaction (implicit or a block) started; 0 outside one.</summary>
    private long _xactStart;

    /// <summary>When <see cref="_state"/> last changed.</summary>
    private long _stateChange;

    /// <summary>active, idle, idle in transaction, idle in transaction (aborted).</summary>
    private string _state = "idle";

    /// <summary>Whether the session was inside a block at the last ReadyForQuery (its transaction goes on).</summary>
    private bool _inBlock;

    /// <summary>Describes a session that started at <paramref name="backendStartNanoseconds"/>.</summary>
    public SessionActivity(Session session, string? clientAddress, int? clientPort, long backendStartNanoseconds)
    {
        Session = session;
        ClientAddress = clientAddress;
        ClientPort = clientPort;
        BackendStart = backendStartNanoseconds;
        _stateChange = backendStartNanoseconds;
    }

    /// <summary>The session (database, user, pid, application_name).</summary>
    public Session Session { get; }

    /// <summary>The client's IP address, or null when not over TCP.</summary>
    public string? ClientAddress { get; }

    /// <summary>The client's TCP port, or null (PostgreSQL shows -1 for a Unix socket).</summary>
    public int? ClientPort { get; }

    /// <summary>When the connection was accepted (ns since the epoch, UTC).</summary>
    public long BackendStart { get; }

    /// <summary>A statement (<paramref name="query"/>) starts now.</summary>
    public void BeginQuery(string query, long nowNanoseconds)
    {
        lock (_lock)
        {
            _query = query;
            _queryStart = nowNanoseconds;
            if (!_inBlock)
            {
                _xactStart = nowNanoseconds;
            }

            SetState("active", nowNanoseconds);
        }
    }

    /// <summary>ReadyForQuery is being sent: the session waits, in a block or not (<paramref name="transaction"/>).</summary>
    public void Ready(TransactionState transaction, long nowNanoseconds)
    {
        lock (_lock)
        {
            _inBlock = transaction != TransactionState.Idle;
            if (!_inBlock)
            {
                _xactStart = 0;
            }

            SetState(transaction switch
            {
                TransactionState.InBlock => "idle in transaction",
                TransactionState.Failed => "idle in transaction (aborted)",
                _ => "idle",
            }, nowNanoseconds);
        }
    }

    /// <summary>A consistent copy of the changing fields.</summary>
    public ActivitySnapshot Read()
    {
        lock (_lock)
        {
            return new ActivitySnapshot(_state, _query, _queryStart, _xactStart, _stateChange);
        }
    }

    /// <summary>Changes the state, stamping the change time when it differs.</summary>
    private void SetState(string state, long nowNanoseconds)
    {
        if (!ReferenceEquals(state, _state))
        {
            _state = state;
            _stateChange = nowNanoseconds;
        }
    }
}

/// <summary>The changing part of a <see cref="SessionActivity"/> at one moment (times in ns since the epoch; 0 = none).</summary>
public readonly record struct ActivitySnapshot(string State, string Query, long QueryStart, long XactStart, long StateChange);
