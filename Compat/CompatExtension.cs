using IOx.Pg.Compat.Catalog;
using IOx.Pg.Compat.Functions;
using IOx.Pg.Compat.Settings;
using IOx.Pg.Compat.Statements;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat;

/// <summary>
/// What PostgreSQL clients expect beyond queries, plugged into the engine
/// (<see cref="Session.Extension"/>): SET / RESET / SHOW, transaction blocks, PREPARE / EXECUTE
/// / DEALLOCATE / DISCARD, and the session functions. Also refuses every statement but ROLLBACK
/// in a failed block (25P02). One instance serves all sessions (it holds no session state).
/// </summary>
public sealed class CompatExtension : IEngineExtension
{
    /// <summary>Setting rules.</summary>
    private readonly SessionSettings _settings;

    /// <summary>Function binder.</summary>
    private readonly SessionFunctions _functions;

    /// <summary>pg_catalog and information_schema (holds the user objects' OIDs for the server's life).</summary>
    private readonly SystemCatalog _catalog;

    /// <summary>The catalog functions and casts (format_type, pg_table_is_visible, ::regclass, ...).</summary>
    private readonly CatalogFunctions _catalogFunctions;

    /// <summary>Creates the extension; <paramref name="isKnownTimeZone"/> checks TimeZone values (the server's zone resolver).</summary>
    public CompatExtension(Func<string, bool> isKnownTimeZone)
    {
        _settings = new SessionSettings(isKnownTimeZone);
        _functions = new SessionFunctions(_settings);
        _catalog = new SystemCatalog(new ObjectIds());
        _catalogFunctions = new CatalogFunctions(_catalog);
    }

    /// <summary>The settings logic (startup parameters go through it).</summary>
    public SessionSettings Settings => _settings;

    /// <inheritdoc/>
    public QueryResult? TryExecute(Statement statement, Session session, QueryEngine engine, CancellationToken cancellationToken)
    {
        if (session.Transaction == TransactionState.Failed && !TransactionStatements.AllowedInFailedBlock(statement))
        {
            throw TransactionStatements.InFailedBlock();
        }

        return statement switch
        {
            SetStatement set => SettingStatements.Set(set, session, _settings),
            ResetStatement reset => SettingStatements.Reset(reset, session, _settings),
            ShowStatement show when MetadataStatements.Handles(show) => MetadataStatements.Show(show, session, engine.Storage),
            ShowStatement show => SettingStatements.Show(show, session, _settings),
            TransactionStatement transaction => TransactionStatements.Execute(transaction, session, _settings),
            PrepareStatement prepare => PreparedStatements.Prepare(prepare, session),
            ExecuteStatement execute => PreparedStatements.Execute(execute, session, engine, cancellationToken),
            DeallocateStatement deallocate => PreparedStatements.Deallocate(deallocate, session),
            DiscardStatement discard => PreparedStatements.Discard(discard, session, _settings),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public BoundExpr? TryBindFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session) =>
        _functions.TryBind(call, args, session);

    /// <inheritdoc/>
    public BoundExpr? TryBindFunction(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session, WriteBuffer storage) =>
        _functions.TryBind(call, args, session) ?? _catalogFunctions.TryBind(call, args, session, storage);

    /// <inheritdoc/>
    public SystemRelation? TryResolveRelation(string? schema, string name, Session session, WriteBuffer storage) =>
        _catalog.TryResolve(schema, name, session, storage);

    /// <inheritdoc/>
    public BoundExpr? TryBindCast(BoundExpr operand, TypeName type, Session session, WriteBuffer storage) =>
        _catalogFunctions.TryBindCast(operand, type, session, storage);

    /// <inheritdoc/>
    public Func<long, string>? OidNames(int pgType, Session session, WriteBuffer storage) =>
        _catalogFunctions.OidNames(pgType, session, storage);

    /// <inheritdoc/>
    public long? ObjectOid(int pgType, string text, Session session, WriteBuffer storage) =>
        _catalogFunctions.ObjectOid(pgType, text, session, storage);
}
