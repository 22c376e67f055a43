using System.Globalization;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// The functions and casts introspection queries use: format_type, pg_get_userbyid,
/// pg_table_is_visible, pg_type_is_visible, obj_description / col_description /
/// shobj_description and pg_get_expr (NULL: there are no comments or expressions, but for
/// col_description of a user-table column, which is its tag / field / time role),
/// has_table / schema / database_privilege (true: the one role is a superuser),
/// pg_encoding_to_char, quote_ident, to_regclass / to_regtype / to_regproc / to_regnamespace,
/// and casts to oid, regclass, regtype, regproc, regnamespace, regrole, name and "char".
/// oid-like values are int64 here (all OIDs fit), so a regclass is its number: 'cpu'::regclass
/// prints 16384, where PostgreSQL prints the name.
/// </summary>
public sealed partial class CatalogFunctions
{
    /// <summary>The relations and OIDs.</summary>
    private readonly SystemCatalog _catalog;

    /// <summary>Creates the binder over <paramref name="catalog"/>.</summary>
    public CatalogFunctions(SystemCatalog catalog) => _catalog = catalog;

    /// <summary>Binds <paramref name="call"/> if it is one of these functions, else null (then 42883 follows).</summary>
    public BoundExpr? TryBind(FunctionCall call, IReadOnlyList<BoundExpr> args, Session session, WriteBuffer storage)
    {
        if (TryBindProcFunction(call, args, session, storage) is { } procFunction)
        {
            return procFunction;
        }

        if (TryBindDescribeFunction(call, args, session, storage) is { } describeFunction)
        {
            return describeFunction;
        }

        switch (call.Name)
        {
            case "format_type" when args.Count == 2 && AsOid(args[0]) is { } type && AsInt32(args[1]) is { } typmod:
            {
                var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
                return new BoundFunction(new CatalogRowFunction("format_type", DataType.Utf8, v => v[0] is long oid ? FormatType(oid, v[1] as int?, snapshot) : null), [type, typmod]);
            }

            case "pg_get_userbyid" when args.Count == 1 && AsOid(args[0]) is { } role:
            {
                string user = session.User;
                return Row("pg_get_userbyid", DataType.Utf8, role, v => (long)v[0]! == Namespaces.SuperuserOid ? user : $"unknown (OID={v[0]})");
            }

            case "pg_table_is_visible" when args.Count == 1 && AsOid(args[0]) is { } relation:
            {
                Dictionary<long, bool> visible = VisibleRelations(session, storage);
                return Row("pg_table_is_visible", DataType.Boolean, relation, v => visible.TryGetValue((long)v[0]!, out bool b) ? b : null);
            }

            case "pg_type_is_visible" when args.Count == 1 && AsOid(args[0]) is { } typeOid:
            {
                Dictionary<long, bool> visible = VisibleTypes(session, storage);
                return Row("pg_type_is_visible", DataType.Boolean, typeOid, v => visible.TryGetValue((long)v[0]!, out bool b) ? b : null);
            }

            case "col_description" when args.Count == 2 && AsOid(args[0]) is { } table && AsInt32(args[1]) is { } column:
            {
                // A user-table column's comment is its line-protocol role (ColumnRoleComments).
                Dictionary<(long Table, int Column), string> comments = ColumnRoleComments.ByColumn(new CatalogSnapshot(session, storage, _catalog.Ids));
                return new BoundFunction(new CatalogRowFunction("col_description", DataType.Utf8,
                    v => v[0] is long oid && v[1] is not null && comments.TryGetValue((oid, Convert.ToInt32(v[1], CultureInfo.InvariantCulture)), out string? c) ? c : null), [table, column]);
            }

            case "obj_description" when args.Count is 1 or 2:
            case "col_description" when args.Count == 2:
            case "shobj_description" when args.Count == 2:
            case "pg_get_expr" when args.Count is 2 or 3:
            case "pg_get_indexdef" when args.Count is 1 or 3:
                // Nothing here has a comment, a default, a stored expression or an index (PostgreSQL answers NULL for an oid that is not an index's).
                return new BoundLiteral(ScalarValue.Null(DataType.Utf8));
            case "has_table_privilege" or "has_schema_privilege" or "has_database_privilege" or "has_column_privilege" or "has_function_privilege" or "has_any_column_privilege"
                when args.Count is 2 or 3 or 4:
                // The one role is a superuser: every privilege is granted.
                return new BoundLiteral(new ScalarValue(DataType.Boolean, true));
            case "pg_encoding_to_char" when args.Count == 1 && AsInt32(args[0]) is { } encoding:
                return new BoundFunction(new CatalogRowFunction("pg_encoding_to_char", DataType.Utf8, static v => v[0] switch
                {
                    null => null,
                    6 => "UTF8",
                    0 => "SQL_ASCII",
                    _ => string.Empty,
                }), [encoding]);
            case "quote_ident" when args.Count == 1 && AsText(args[0]) is { } ident:
                return new BoundFunction(new CatalogRowFunction("quote_ident", DataType.Utf8, static v => v[0] is string s ? QuoteIdent.Quote(s) : null), [ident]);
            case "to_regclass" or "to_regtype" or "to_regproc" or "to_regnamespace" or "to_regrole" when args.Count == 1 && AsText(args[0]) is { } text:
                return ObjectFromText(call.Name[3..], text, session, storage, missingOk: true);
            default:
                return null;
        }
    }

    /// <summary>operand::oid / ::regclass / ::regtype / ::regproc / ::regnamespace / ::regrole / ::name / ::"char", or null when not one of these.</summary>
    public BoundExpr? TryBindCast(BoundExpr operand, TypeName type, Session session, WriteBuffer storage)
    {
        switch (type.Name)
        {
            case "name":
                return operand.Type == DataType.Utf8 || operand is BoundLiteral { IsUnknown: true }
                    ? Row("name", DataType.Utf8, AsText(operand)!, static v => v[0] is string s ? Truncate(s) : null)
                    : Row("name", DataType.Utf8, new BoundCast(operand, DataType.Utf8), static v => v[0] is string s ? Truncate(s) : null);
            case "\"char\"" when operand.Type is DataType.Utf8 or DataType.Null:
                // charin: the first byte of the text (\ooo is that byte), held in charout's form.
                return new BoundFunction(new CatalogRowFunction("char", DataType.Utf8,
                    static v => v[0] is string s ? Protocol.PgWire.Types.CharText.FromByte(Protocol.PgWire.Types.CharText.ParseByte(System.Text.Encoding.UTF8.GetBytes(s))) : null,
                    Protocol.PgWire.Types.PgTypeOid.Char), [AsText(operand)!]);
            case "oid" or "regclass" or "regtype" or "regproc" or "regnamespace" or "regrole":
                if (operand.Type is DataType.Int16 or DataType.Int32 or DataType.Int64 && operand is not BoundLiteral { IsUnknown: true })
                {
                    // 23::regtype is the OID itself, typed regtype so that it prints as a name; 'x'::regclass::oid drops that type.
                    return RegPgType(type.Name) is int numbered && (numbered != 0 || operand is BoundFunction { Function.PgType: not 0 })
                        ? new BoundFunction(new CatalogRowFunction(type.Name, DataType.Int64, static v => v[0], numbered), [AsOid(operand)!])
                        : AsOid(operand);
                }

                if (operand.Type is DataType.Utf8 or DataType.Null)
                {
                    return type.Name == "oid"
                        ? Row("oid", DataType.Int64, AsText(operand)!, static v => v[0] is string s ? ParseOid(s) : null)
                        : ObjectFromText(type.Name, AsText(operand)!, session, storage, missingOk: false);
                }

                throw new SqlException(SqlState.CannotCoerce, $"cannot cast type {TypeNames.SqlName(operand.Type)} to {type.Name}", type.Position + 1);
            case "text" or "varchar" or "character varying" when operand is BoundFunction { Function.PgType: RegObjectNames.Regclass or RegObjectNames.Regtype or RegObjectNames.Regproc } reg:
            {
                // regclassout and friends: the name, through the catalog of this statement.
                Func<long, string> names = OidNames(reg.Function.PgType, session, storage);
                return Row("text", DataType.Utf8, operand, v => v[0] is long oid ? names(oid) : null);
            }

            default:
                return null;
        }
    }

    /// <summary>The text output of reg* type <paramref name="pgType"/> values for <paramref name="session"/> (see <see cref="RegObjectNames"/>).</summary>
    public Func<long, string> OidNames(int pgType, Session session, WriteBuffer storage)
    {
        var names = new RegObjectNames(_catalog, new CatalogSnapshot(session, storage, _catalog.Ids), session);
        return oid => names.Name(pgType, oid);
    }

    /// <summary>The pg_type OID of regclass / regtype / regproc, 0 for another name.</summary>
    private static int RegPgType(string kind) => kind switch
    {
        "regclass" => RegObjectNames.Regclass,
        "regtype" => RegObjectNames.Regtype,
        "regproc" => RegObjectNames.Regproc,
        _ => 0,
    };

    /// <summary>text → the OID of the relation / type / function / schema / role it names; NULL or an error when none.</summary>
    private BoundExpr ObjectFromText(string kind, BoundExpr text, Session session, WriteBuffer storage, bool missingOk)
    {
        var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
        return new BoundFunction(new CatalogRowFunction("to_" + kind, DataType.Int64, v => v[0] is string s ? ResolveObject(kind, s, snapshot, session, missingOk) : null, RegPgType(kind)), [text]);
    }

    /// <summary>
    /// regclassin / regtypein / regprocin of a bound parameter's text (<paramref name="pgType"/> its
    /// declared OID): the OID, or the error the cast gives.
    /// </summary>
    public long ObjectOid(int pgType, string text, Session session, WriteBuffer storage)
    {
        string kind = pgType switch
        {
            RegObjectNames.Regclass => "regclass",
            RegObjectNames.Regtype => "regtype",
            _ => "regproc",
        };
        return ResolveObject(kind, text, new CatalogSnapshot(session, storage, _catalog.Ids), session, missingOk: false)!.Value;
    }

    /// <summary>The OID the text names as a <paramref name="kind"/> (a number is the OID itself); null or an error when none.</summary>
    private long? ResolveObject(string kind, string s, CatalogSnapshot snapshot, Session session, bool missingOk)
    {
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            // A number is taken as the OID itself, as regclassin does.
            return number;
        }

        // Type names may be several words ("double precision"): regtype reads the text itself.
        List<string> parts = kind == "regtype" && BuiltinTypes.FindByName(BareTypeName(s)) is not null ? [] : ObjectNames.Parse(s);
        long? oid = kind switch
        {
            "regclass" => RelationOid(parts, snapshot),
            "regtype" => TypeOid(s, parts, snapshot),
            "regproc" => ProcOid(parts, s, missingOk),
            "regnamespace" => parts.Count == 1 && Namespaces.OidOf(parts[0]) is var n and >= 0 ? n : null,
            _ => parts.Count == 1 && parts[0] == session.User ? Namespaces.SuperuserOid : null,
        };
        if (oid is null && !missingOk)
        {
            throw kind switch
            {
                "regclass" => new SqlException(SqlState.UndefinedTable, $"relation \"{s}\" does not exist"),
                "regtype" => new SqlException(SqlState.UndefinedObject, $"type \"{s}\" does not exist"),
                "regproc" => new SqlException(SqlState.UndefinedFunction, $"function \"{s}\" does not exist"),
                "regnamespace" => new SqlException(SqlState.InvalidSchemaName, $"schema \"{s}\" does not exist"),
                _ => new SqlException(SqlState.UndefinedObject, $"role \"{s}\" does not exist"),
            };
        }

        return oid;
    }

    /// <summary>The relation [schema.]name under the search path, or null.</summary>
    private long? RelationOid(List<string> parts, CatalogSnapshot snapshot)
    {
        if (parts.Count > 2)
        {
            return null;
        }

        IEnumerable<string> schemas = parts.Count == 2 ? [parts[0]] : SearchPath.Effective(snapshot.Session);
        string name = parts[^1];
        foreach (string schema in schemas)
        {
            if (schema == "public")
            {
                if (snapshot.TableByName(name) is { } table)
                {
                    return table.Oid;
                }
            }
            else if (_catalog.Lookup(schema, name) is { } relation)
            {
                return relation.Oid;
            }
        }

        return null;
    }

    /// <summary>The type a regtype input names (built-in names and aliases, table row types), or null.</summary>
    private static long? TypeOid(string text, List<string> parts, CatalogSnapshot snapshot)
    {
        if (BuiltinTypes.FindByName(BareTypeName(text)) is { } builtin)
        {
            return builtin.Oid;
        }

        if ((parts.Count == 1 || (parts.Count == 2 && parts[0] == "public")) && snapshot.TableByName(parts[^1]) is { } table)
        {
            return table.TypeOid;
        }

        return null;
    }

    /// <summary>A type name without its modifier and pg_catalog qualification, lower case: "VARCHAR(10)" → "varchar".</summary>
    private static string BareTypeName(string text)
    {
        string name = text.Trim().ToLowerInvariant();
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren].TrimEnd();
        }

        return name.StartsWith("pg_catalog.", StringComparison.Ordinal) ? name["pg_catalog.".Length..] : name;
    }

    /// <summary>The function a regproc input names; 42725 when several have the name.</summary>
    private static long? ProcOid(List<string> parts, string text, bool missingOk)
    {
        if (parts.Count > 2 || (parts.Count == 2 && parts[0] != "pg_catalog"))
        {
            return null;
        }

        long? found = null;
        foreach (BuiltinProc proc in BuiltinProcs.All)
        {
            if (proc.Name != parts[^1])
            {
                continue;
            }

            if (found is not null)
            {
                if (missingOk)
                {
                    return null;
                }

                throw new SqlException(SqlState.AmbiguousFunction, $"more than one function named \"{text}\"");
            }

            found = proc.Oid;
        }

        return found;
    }

    /// <summary>pg_table_is_visible's answers: each relation OID → whether its unqualified name finds it.</summary>
    private Dictionary<long, bool> VisibleRelations(Session session, WriteBuffer storage)
    {
        var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
        var visible = new Dictionary<long, bool>();
        foreach (CatalogRelation relation in _catalog.Relations)
        {
            visible[relation.Oid] = RelationOid([relation.Name], snapshot) == relation.Oid;
        }

        foreach (UserTable table in snapshot.Tables)
        {
            visible[table.Oid] = RelationOid([table.Name], snapshot) == table.Oid;
        }

        return visible;
    }

    /// <summary>pg_type_is_visible's answers: built-in types always (pg_catalog is on every path), row types as their tables.</summary>
    private Dictionary<long, bool> VisibleTypes(Session session, WriteBuffer storage)
    {
        var visible = new Dictionary<long, bool>();
        foreach (BuiltinType type in BuiltinTypes.All)
        {
            visible[type.Oid] = true;
        }

        var snapshot = new CatalogSnapshot(session, storage, _catalog.Ids);
        foreach (UserTable table in snapshot.Tables)
        {
            visible[table.TypeOid] = SearchPath.Effective(session).Contains("public") && BuiltinTypes.FindByName(table.Name) is null;
        }

        return visible;
    }

    /// <summary>format_type(oid, typmod) as PostgreSQL prints it; "???" for an unknown OID.</summary>
    internal static string FormatType(long oid, int? typmod, CatalogSnapshot snapshot)
    {
        int mod = typmod ?? -1;
        switch (oid)
        {
            case 1043 when mod >= 4:
                return $"character varying({mod - 4})";
            case 1700 when mod >= 4:
                return $"numeric({((mod - 4) >> 16) & 0xFFFF},{(mod - 4) & 0xFFFF})";
            case 1114 when mod >= 0:
                return $"timestamp({mod}) without time zone";
            case 1184 when mod >= 0:
                return $"timestamp({mod}) with time zone";
        }

        if (BuiltinTypes.Find(oid) is { } builtin)
        {
            return builtin.SqlName;
        }

        string? catalogOnly = oid switch
        {
            22 => "int2vector",
            28 => "xid",
            30 => "oidvector",
            194 => "pg_node_tree",
            1002 => "\"char\"[]",
            1005 => "smallint[]",
            1009 => "text[]",
            1028 => "oid[]",
            1034 => "aclitem[]",
            2277 => "anyarray",
            _ => null,
        };
        if (catalogOnly is not null)
        {
            return catalogOnly;
        }

        foreach (UserTable table in snapshot.Tables)
        {
            if (table.TypeOid == oid)
            {
                return QuoteIdent.Quote(table.Name);
            }
        }

        return "???";
    }

    /// <summary>A one-argument row function.</summary>
    private static BoundFunction Row(string name, DataType type, BoundExpr arg, Func<object?[], object?> evaluate) =>
        new(new CatalogRowFunction(name, type, evaluate), [arg]);

    /// <summary>An oid argument as int64 (integers widen; an untyped literal is parsed), or null when it is not one.</summary>
    private static BoundExpr? AsOid(BoundExpr arg)
    {
        switch (arg)
        {
            case BoundLiteral { IsUnknown: true } literal:
            {
                string text = (string)literal.Value.Value!;
                return new BoundLiteral(new ScalarValue(DataType.Int64, ParseOid(text)));
            }

            case BoundLiteral { Value.IsNull: true } when arg.Type == DataType.Null:
                return new BoundLiteral(ScalarValue.Null(DataType.Int64));
        }

        return arg.Type switch
        {
            DataType.Int64 => arg,
            DataType.Int16 or DataType.Int32 => new BoundCast(arg, DataType.Int64),
            _ => null,
        };
    }

    /// <summary>An integer argument as int32, or null when it is not one.</summary>
    private static BoundExpr? AsInt32(BoundExpr arg)
    {
        switch (arg)
        {
            case BoundLiteral { IsUnknown: true } literal:
                return int.TryParse((string)literal.Value.Value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)
                    ? new BoundLiteral(new ScalarValue(DataType.Int32, n))
                    : throw new SqlException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type integer: \"{literal.Value.Value}\"");
            case BoundLiteral { Value.IsNull: true } when arg.Type == DataType.Null:
                return new BoundLiteral(ScalarValue.Null(DataType.Int32));
        }

        return arg.Type switch
        {
            DataType.Int32 => arg,
            DataType.Int16 => new BoundCast(arg, DataType.Int32),
            _ => null,
        };
    }

    /// <summary>A text argument, or null when it is not one.</summary>
    private static BoundExpr? AsText(BoundExpr arg) => arg.Type switch
    {
        DataType.Utf8 => arg is BoundLiteral { IsUnknown: true } literal ? new BoundLiteral(literal.Value) : arg,
        DataType.Null => new BoundLiteral(ScalarValue.Null(DataType.Utf8)),
        _ => null,
    };

    /// <summary>oidin: an unsigned 32-bit number (negative inputs wrap, as in PostgreSQL); 22P02 otherwise.</summary>
    private static long ParseOid(string text)
    {
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= int.MinValue && value <= uint.MaxValue)
        {
            return value < 0 ? value + (1L << 32) : value;
        }

        throw new SqlException(SqlState.InvalidTextRepresentation, $"invalid input syntax for type oid: \"{text}\"");
    }

    /// <summary>A name keeps at most 63 bytes (NAMEDATALEN - 1), cut at a character boundary.</summary>
    private static string Truncate(string s)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(s) <= 63)
        {
            return s;
        }

        int length = s.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(s.AsSpan(0, length)) > 63)
        {
            length--;
        }

        return s[..length];
    }
}
