using IOx.Pg.Compat.Settings;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Compat.Functions;

/// <summary>
/// The functions clients call on connect: version(), current_database(), current_schema(),
/// current_user / session_user / user / current_role / current_catalog, pg_backend_pid(),
/// inet_server_port(), pg_postmaster_start_time(), pg_is_in_recovery(), current_setting(),
/// set_config(). All are stable within a statement, so each binds to a constant: the value is
/// computed when the statement is bound, which is when it starts. Arguments must be constants
/// (0A000 otherwise: evaluating them per row is not built).
/// </summary>
public sealed class SessionFunctions
{
    /// <summary>The settings logic current_setting() and set_config() use.</summary>
    private readonly SessionSettings _settings;

    /// <summary>Creates the binder over <paramref name="settings"/>.</summary>
    public SessionFunctions(SessionSettings settings) => _settings = settings;

    /// <summary>Binds <paramref name="call"/> if it is one of these functions, else null.</summary>
    public BoundExpr? TryBind(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session)
    {
        switch (call.Name)
        {
            case "version" when args.Count == 0:
                return Text(ServerInfo.Version);
            case "current_database" or "current_catalog" when args.Count == 0:
                return Text(session.Database);
            case "current_user" or "session_user" or "user" or "current_role" or "getpgusername" when args.Count == 0:
                return Text(session.User);
            case "current_schema" when args.Count == 0:
                return CurrentSchema(session);
            case "current_schemas" when args.Count == 1:
                return CurrentSchemas(session, ConstantBoolean(args[0], call));
            case "pg_backend_pid" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.Int32, session.ProcessId));
            case "inet_server_port" when args.Count == 0:
                return new BoundLiteral(session.ServerPort is int port ? new ScalarValue(DataType.Int32, port) : ScalarValue.Null(DataType.Int32));
            case "pg_postmaster_start_time" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.Timestamp, ServerInfo.StartNanoseconds));
            case "pg_is_in_recovery" when args.Count == 0:
                return new BoundLiteral(new ScalarValue(DataType.Boolean, false));
            case "current_setting" when args.Count is 1 or 2:
            {
                string? name = ConstantText(args[0], call);
                bool missingOk = args.Count == 2 && ConstantBoolean(args[1], call);
                if (name is null)
                {
                    return Text(null);
                }

                return Text(_settings.Get(session, name, missingOk, out _));
            }

            case "set_config" when args.Count == 3:
            {
                string? name = ConstantText(args[0], call);
                string? value = ConstantText(args[1], call);
                bool local = ConstantBoolean(args[2], call);
                if (name is null)
                {
                    throw new SqlException(SqlState.NullValueNotAllowed, "SET requires parameter name");
                }

                if (local && session.Transaction == TransactionState.Idle)
                {
                    // PostgreSQL: a local value outside a block ends with the statement's own transaction.
                    return Text(value is null ? _settings.Get(session, name, missingOk: false, out _) : Check(session, name, value));
                }

                return Text(_settings.Set(session, name, value, local));
            }

            default:
                return null;
        }
    }

    /// <summary>Checks a value without keeping it (set_config(..., true) outside a block).</summary>
    private string Check(Session session, string name, string value)
    {
        string before = _settings.Get(session, name, missingOk: true, out _) ?? string.Empty;
        string after = _settings.Set(session, name, value, local: false);
        _settings.Set(session, name, before, local: false);
        return after;
    }

    /// <summary>current_schema(): the first schema of search_path that exists (public, pg_catalog, information_schema), or NULL.</summary>
    private static BoundLiteral CurrentSchema(Session session)
    {
        string path = session.Settings.GetValueOrDefault("search_path", "\"$user\", public");
        foreach (string item in path.Split(','))
        {
            string schema = item.Trim();
            if (schema.Length >= 2 && schema[0] == '"' && schema[^1] == '"')
            {
                schema = schema[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            // "$user" would name a schema called like the user; only these exist here.
            if (schema is "public" or "pg_catalog" or "information_schema")
            {
                return Text(schema);
            }
        }

        return Text(null);
    }

    /// <summary>
    /// current_schemas(include_implicit) → name[]: the schemas of search_path that exist, in order,
    /// after pg_catalog when it is implicit (searched first without being named), as PostgreSQL.
    /// </summary>
    private static BoundLiteral CurrentSchemas(Session session, bool includeImplicit)
    {
        string path = session.Settings.GetValueOrDefault("search_path", "\"$user\", public");
        var schemas = new List<string>();
        foreach (string item in path.Split(','))
        {
            string schema = item.Trim();
            if (schema.Length >= 2 && schema[0] == '"' && schema[^1] == '"')
            {
                schema = schema[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            if (schema is "public" or "pg_catalog" or "information_schema" && !schemas.Contains(schema))
            {
                schemas.Add(schema);
            }
        }

        if (includeImplicit && !schemas.Contains("pg_catalog"))
        {
            schemas.Insert(0, "pg_catalog");
        }

        var builder = new StringColumnBuilder(schemas.Count);
        foreach (string schema in schemas)
        {
            builder.Append(schema);
        }

        return new BoundLiteral(ScalarValue.Array(DataType.Utf8, builder.Build()));
    }

    /// <summary>A text constant (NULL for null).</summary>
    private static BoundLiteral Text(string? value) =>
        new(value is null ? ScalarValue.Null(DataType.Utf8) : new ScalarValue(DataType.Utf8, value));

    /// <summary>The text of a constant argument (null for NULL); 0A000 when it is not constant.</summary>
    private static string? ConstantText(BoundExpr arg, FunctionCall call)
    {
        ScalarValue value = Constant(arg, call);
        return value.IsNull ? null : value.Type == DataType.Utf8 ? (string)value.Value! : value.ToString();
    }

    /// <summary>A boolean constant argument (an unknown literal is read as PostgreSQL reads boolean input).</summary>
    private static bool ConstantBoolean(BoundExpr arg, FunctionCall call)
    {
        ScalarValue value = Constant(arg, call);
        if (value.IsNull)
        {
            return false;
        }

        if (value.Value is bool b)
        {
            return b;
        }

        if (value.Type == DataType.Utf8 && SettingValueParser.TryParseBoolean((string)value.Value!, out bool parsed))
        {
            return parsed;
        }

        throw new SqlException(SqlState.UndefinedFunction, $"function {call.Name} does not exist", call.Position + 1,
            hint: "No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    /// <summary>Evaluates a constant argument.</summary>
    private static ScalarValue Constant(BoundExpr arg, FunctionCall call)
    {
        if (!ConstantEvaluator.IsConstant(arg))
        {
            throw SqlException.NotSupported($"{call.Name} with a non-constant argument", call.Position + 1);
        }

        return ConstantEvaluator.Evaluate(arg);
    }
}
