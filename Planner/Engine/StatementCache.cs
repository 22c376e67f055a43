using System.Collections.Concurrent;
using IOx.Pg.Planner.Sql;
using IOx.Pg.Planner.Sql.Ast;

namespace IOx.Pg.Planner.Engine;

/// <summary>
/// Parsed statements by SQL text, so a client sending the same query string again (the simple
/// protocol's SELECT 1, a dashboard's fixed query, a driver re-preparing per connection) skips the
/// lexer and parser. Correct because parsing is pure: <see cref="Parser.ParseStatements"/> reads
/// nothing but the text (no session setting, catalog or clock), and the AST it yields is immutable
/// (init-only properties, read-only lists) and never used as a key for per-execution state, so one
/// tree can serve any number of sessions at once. Binding, which does depend on the catalog and
/// the session, still runs per execution. Texts that fail to parse are not cached: the error is
/// raised afresh each time. Thread-safe.
/// </summary>
public sealed class StatementCache
{
    /// <summary>Entries kept before the cache starts over; bounds memory for clients that inline literals into every query.</summary>
    public const int MaxEntries = 1024;

    /// <summary>Longest text cached (chars); longer texts are parsed every time (bulk literals, generated IN lists).</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Statement lists by exact SQL text (ordinal comparison: case and spacing inside literals matter).</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<Statement>> _entries = new(StringComparer.Ordinal);

    /// <summary>Number of texts cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>The statements of <paramref name="sql"/>, from the cache or parsed (and then cached); a syntax error throws and caches nothing.</summary>
    public IReadOnlyList<Statement> Parse(string sql)
    {
        if (sql.Length > MaxTextLength)
        {
            return Parser.ParseStatements(sql);
        }

        if (_entries.TryGetValue(sql, out IReadOnlyList<Statement>? cached))
        {
            return cached;
        }

        IReadOnlyList<Statement> parsed = Parser.ParseStatements(sql);
        if (_entries.Count >= MaxEntries)
        {
            // Starting over is simpler than LRU bookkeeping on the hit path and costs one parse per
            // hot text afterwards; a workload with more distinct texts than this gains little anyway.
            _entries.Clear();
        }

        _entries.TryAdd(sql, parsed);
        return parsed;
    }

    /// <summary>Forgets every cached text.</summary>
    public void Clear() => _entries.Clear();
}
