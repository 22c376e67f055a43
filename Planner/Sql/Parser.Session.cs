using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// Session and transaction statements (PostgreSQL 15 grammar, gram.y): SET / RESET / SHOW and
/// their special forms, BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT, SAVEPOINT /
/// RELEASE / ROLLBACK TO, DISCARD, DEALLOCATE, PREPARE and EXECUTE. What these statements do is
/// Compat's business; the parser only builds their AST.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Parses a session or transaction statement if the current word starts one.</summary>
    private bool TryParseSessionStatement(int start, out Statement? statement)
    {
        statement = null;
        Token first = Current;
        if (first.Kind != TokenKind.Identifier)
        {
            return false;
        }

        if (Current.IsKeyword("create") && PeekToken(1).IsKeyword("database"))
        {
            statement = ParseCreateDatabase(start);
            return true;
        }

        if (TryParseLifecycleStatement(start, out statement))
        {
            return true;
        }

        if (AtRoleStatement())
        {
            statement = ParseRoleStatement(start);
            return true;
        }

        switch (first.Text)
        {
            case "declare":
                statement = ParseDeclare(start);
                return true;
            case "fetch":
                statement = ParseFetch(start);
                return true;
            case "close":
                statement = ParseCloseCursor(start);
                return true;
            case "explain":
                statement = ParseExplain(start);
                return true;
            case "copy":
                statement = ParseCopy(start);
                return true;
            case "set":
                _pos++;
                statement = ParseSet(start);
                return true;
            case "reset":
                _pos++;
                statement = new ResetStatement { Name = ParseResetName(), Text = StatementText(start), Offset = start };
                return true;
            case "show" when PeekToken(1).IsKeyword("columns") && (PeekToken(2).IsKeyword("from") || PeekToken(2).IsKeyword("in")):
                _pos += 3;
                statement = new ShowStatement { Name = "columns", Table = ParseShowTable(), Text = StatementText(start), Offset = start };
                return true;
            case "show":
                _pos++;
                statement = new ShowStatement { Name = ParseShowName(), Text = StatementText(start), Offset = start };
                return true;
            case "begin":
                _pos++;
                _ = AcceptKeyword("work") || AcceptKeyword("transaction");
                statement = ParseBegin(start, "BEGIN");
                return true;
            case "start" when PeekToken(1).IsKeyword("transaction"):
                _pos += 2;
                statement = ParseBegin(start, "START TRANSACTION");
                return true;
            case "commit" or "end":
                _pos++;
                if (first.Text == "commit" && Current.IsKeyword("prepared"))
                {
                    throw SqlException.NotSupported("two-phase commit", Current.Offset + 1);
                }

                _ = AcceptKeyword("work") || AcceptKeyword("transaction");
                ParseNoChain();
                statement = new TransactionStatement { Kind = TransactionKind.Commit, Tag = "COMMIT", Text = StatementText(start), Offset = start };
                return true;
            case "rollback" or "abort":
                _pos++;
                statement = ParseRollback(start, allowTo: first.Text == "rollback");
                return true;
            case "savepoint":
                _pos++;
                statement = new TransactionStatement { Kind = TransactionKind.Savepoint, Savepoint = ExpectName(allowReserved: false), Tag = "SAVEPOINT", Text = StatementText(start), Offset = start };
                return true;
            case "release":
                _pos++;
                AcceptKeyword("savepoint");
                statement = new TransactionStatement { Kind = TransactionKind.Release, Savepoint = ExpectName(allowReserved: false), Tag = "RELEASE", Text = StatementText(start), Offset = start };
                return true;
            case "checkpoint":
                _pos++;
                statement = new CheckpointStatement { Text = StatementText(start), Offset = start };
                return true;
            case "discard":
                _pos++;
                statement = ParseDiscard(start);
                return true;
            case "deallocate":
                _pos++;
                AcceptKeyword("prepare");
                statement = new DeallocateStatement { Name = AcceptKeyword("all") ? null : ExpectName(allowReserved: false), Text = StatementText(start), Offset = start };
                return true;
            case "prepare":
                _pos++;
                statement = ParsePrepare(start);
                return true;
            case "execute":
                _pos++;
                statement = ParseExecute(start);
                return true;
            default:
                return false;
        }
    }

    /// <summary>After SET: [SESSION | LOCAL] and the forms of gram.y's set_rest.</summary>
    private SetStatement ParseSet(int start)
    {
        bool local = false;
        if (AcceptKeyword("local"))
        {
            local = true;
        }
        else if (Current.IsKeyword("session") && !PeekToken(1).IsKeyword("authorization") && !PeekToken(1).IsKeyword("characteristics")
            && !PeekToken(1).IsSymbol("=") && !PeekToken(1).IsKeyword("to"))
        {
            _pos++;
        }

        Token word = Current;
        if (word.IsKeyword("time") && PeekToken(1).IsKeyword("zone"))
        {
            _pos += 2;
            return ParseSetTimeZone(start, local);
        }

        if (word.IsKeyword("transaction"))
        {
            _pos++;
            return ParseTransactionModesAsSet(start, "transaction", "SET TRANSACTION");
        }

        if (word.IsKeyword("session") && PeekToken(1).IsKeyword("characteristics"))
        {
            _pos += 2;
            ExpectKeyword("as");
            ExpectKeyword("transaction");
            return ParseTransactionModesAsSet(start, "default_transaction", null);
        }

        if (word.IsKeyword("names") && !PeekToken(1).IsSymbol("=") && !PeekToken(1).IsKeyword("to"))
        {
            _pos++;
            IReadOnlyList<SettingArgument>? encoding = AcceptKeyword("default") ? null : [ParseSettingArgument()];
            return new SetStatement { Name = "client_encoding", Values = encoding, IsLocal = local, Text = StatementText(start), Offset = start };
        }

        if (word.IsKeyword("schema") && Current.Kind != TokenKind.End && PeekToken(1).Kind == TokenKind.String)
        {
            _pos++;
            SettingArgument schema = ParseSettingArgument();
            return new SetStatement { Name = "search_path", Values = [schema], IsLocal = local, Text = StatementText(start), Offset = start };
        }

        if ((word.IsKeyword("role") || word.IsKeyword("session") || word.IsKeyword("catalog") || word.IsKeyword("xml"))
            && !PeekToken(1).IsSymbol("=") && !PeekToken(1).IsKeyword("to"))
        {
            string feature = word.Text == "session" ? "SET SESSION AUTHORIZATION" : "SET " + word.Text.ToUpperInvariant();
            throw SqlException.NotSupported(feature, word.Offset + 1);
        }

        string name = ParseDottedName();
        if (!AcceptKeyword("to") && !AcceptSymbol("="))
        {
            if (Current.IsKeyword("from") && PeekToken(1).IsKeyword("current"))
            {
                throw SqlException.NotSupported("SET ... FROM CURRENT", Current.Offset + 1);
            }

            throw SyntaxError(Current);
        }

        if (AcceptKeyword("default"))
        {
            return new SetStatement { Name = name, Values = null, IsLocal = local, Text = StatementText(start), Offset = start };
        }

        var values = new List<SettingArgument>();
        do
        {
            values.Add(ParseSettingArgument());
        }
        while (AcceptSymbol(","));

        return new SetStatement { Name = name, Values = values, IsLocal = local, Text = StatementText(start), Offset = start };
    }

    /// <summary>SET TIME ZONE {'zone' | word | number | LOCAL | DEFAULT | INTERVAL '...' ...}: the parameter TimeZone.</summary>
    private SetStatement ParseSetTimeZone(int start, bool local)
    {
        if (AcceptKeyword("local") || AcceptKeyword("default"))
        {
            return new SetStatement { Name = "timezone", Values = null, IsLocal = local, Text = StatementText(start), Offset = start };
        }

        if (Current.IsKeyword("interval"))
        {
            throw SqlException.NotSupported("SET TIME ZONE INTERVAL", Current.Offset + 1);
        }

        SettingArgument zone = ParseSettingArgument();
        return new SetStatement { Name = "timezone", Values = [zone], IsLocal = local, Form = "SET TIME ZONE", Text = StatementText(start), Offset = start };
    }

    /// <summary>
    /// The transaction modes of SET TRANSACTION (parameters transaction_isolation /
    /// transaction_read_only) or SET SESSION CHARACTERISTICS AS TRANSACTION (default_...). Only one
    /// mode is kept per statement: a second one is 0A000, as several parameters in one SET are not modelled.
    /// </summary>
    private SetStatement ParseTransactionModesAsSet(int start, string prefix, string? form)
    {
        int modeStart = Current.Offset;
        (string? isolation, bool? readOnly) = ParseTransactionModes();
        if (isolation is not null && readOnly is not null)
        {
            throw SqlException.NotSupported("several transaction modes in one SET", modeStart + 1);
        }

        if (isolation is null && readOnly is null)
        {
            throw SyntaxError(Current);
        }

        string name = isolation is not null ? prefix + "_isolation" : prefix + "_read_only";
        string value = isolation ?? (readOnly == true ? "on" : "off");
        return new SetStatement
        {
            Name = name,
            Values = [new SettingArgument(SettingArgumentKind.String, value)],
            IsLocal = form is not null,
            Form = form,
            Text = StatementText(start),
            Offset = start,
        };
    }

    /// <summary>Transaction modes: ISOLATION LEVEL x | READ ONLY | READ WRITE | [NOT] DEFERRABLE, comma or space separated.</summary>
    private (string? Isolation, bool? ReadOnly) ParseTransactionModes()
    {
        string? isolation = null;
        bool? readOnly = null;
        while (true)
        {
            if (AcceptKeyword("isolation"))
            {
                ExpectKeyword("level");
                if (AcceptKeyword("serializable"))
                {
                    isolation = "serializable";
                }
                else if (AcceptKeyword("repeatable"))
                {
                    ExpectKeyword("read");
                    isolation = "repeatable read";
                }
                else
                {
                    ExpectKeyword("read");
                    if (AcceptKeyword("committed"))
                    {
                        isolation = "read committed";
                    }
                    else
                    {
                        ExpectKeyword("uncommitted");
                        isolation = "read uncommitted";
                    }
                }
            }
            else if (Current.IsKeyword("read") && (PeekToken(1).IsKeyword("only") || PeekToken(1).IsKeyword("write")))
            {
                readOnly = PeekToken(1).Text == "only";
                _pos += 2;
            }
            else if (AcceptKeyword("deferrable"))
            {
                // Meaningful only for SERIALIZABLE READ ONLY transactions, which never wait here.
            }
            else if (Current.IsKeyword("not") && PeekToken(1).IsKeyword("deferrable"))
            {
                _pos += 2;
            }
            else
            {
                return (isolation, readOnly);
            }

            AcceptSymbol(",");
        }
    }

    /// <summary>BEGIN/START TRANSACTION modes.</summary>
    private TransactionStatement ParseBegin(int start, string tag)
    {
        (string? isolation, bool? readOnly) = ParseTransactionModes();
        return new TransactionStatement
        {
            Kind = TransactionKind.Begin,
            IsolationLevel = isolation,
            ReadOnly = readOnly,
            Tag = tag,
            Text = StatementText(start),
            Offset = start,
        };
    }

    /// <summary>ROLLBACK/ABORT [WORK | TRANSACTION] [AND [NO] CHAIN], or ROLLBACK ... TO [SAVEPOINT] name.</summary>
    private TransactionStatement ParseRollback(int start, bool allowTo)
    {
        if (Current.IsKeyword("prepared"))
        {
            throw SqlException.NotSupported("two-phase commit", Current.Offset + 1);
        }

        _ = AcceptKeyword("work") || AcceptKeyword("transaction");
        if (allowTo && AcceptKeyword("to"))
        {
            AcceptKeyword("savepoint");
            string name = ExpectName(allowReserved: false);
            return new TransactionStatement { Kind = TransactionKind.RollbackToSavepoint, Savepoint = name, Tag = "ROLLBACK", Text = StatementText(start), Offset = start };
        }

        ParseNoChain();
        return new TransactionStatement { Kind = TransactionKind.Rollback, Tag = "ROLLBACK", Text = StatementText(start), Offset = start };
    }

    /// <summary>[AND [NO] CHAIN]: AND CHAIN (start a new block at once) is not built yet.</summary>
    private void ParseNoChain()
    {
        if (Current.IsKeyword("and"))
        {
            int position = Current.Offset;
            _pos++;
            bool no = AcceptKeyword("no");
            ExpectKeyword("chain");
            if (!no)
            {
                throw SqlException.NotSupported("AND CHAIN", position + 1);
            }
        }
    }

    /// <summary>DISCARD {ALL | PLANS | SEQUENCES | TEMP | TEMPORARY}.</summary>
    private DiscardStatement ParseDiscard(int start)
    {
        Token t = Current;
        string target = t.Kind == TokenKind.Identifier ? t.Text : string.Empty;
        if (target is not ("all" or "plans" or "sequences" or "temp" or "temporary"))
        {
            throw SyntaxError(t);
        }

        _pos++;
        return new DiscardStatement { Target = target == "temporary" ? "temp" : target, Text = StatementText(start), Offset = start };
    }

    /// <summary>PREPARE name [(type, ...)] AS statement; PREPARE TRANSACTION is two-phase commit (0A000).</summary>
    private PrepareStatement ParsePrepare(int start)
    {
        if (Current.IsKeyword("transaction") && PeekToken(1).Kind == TokenKind.String)
        {
            throw SqlException.NotSupported("two-phase commit", Current.Offset + 1);
        }

        string name = ExpectName(allowReserved: false);
        var types = new List<TypeName>();
        if (AcceptSymbol("("))
        {
            do
            {
                types.Add(ParseTypeName());
            }
            while (AcceptSymbol(","));

            ExpectSymbol(")");
        }

        ExpectKeyword("as");
        Token body = Current;
        if (!(body.IsKeyword("select") || body.IsKeyword("with") || body.IsSymbol("(") || body.IsKeyword("values")
            || body.IsKeyword("insert") || body.IsKeyword("update") || body.IsKeyword("delete") || body.IsKeyword("merge")))
        {
            // gram.y's PreparableStmt: only queries and DML can be prepared.
            throw SyntaxError(body);
        }

        Statement inner = ParseStatement(body.Offset);
        return new PrepareStatement { Name = name, ParameterTypes = types, Body = inner, Text = StatementText(start), Offset = start };
    }

    /// <summary>EXECUTE name [(expr, ...)].</summary>
    private ExecuteStatement ParseExecute(int start)
    {
        string name = ExpectName(allowReserved: false);
        var args = new List<Expr>();
        if (AcceptSymbol("("))
        {
            do
            {
                args.Add(ParseExpr());
            }
            while (AcceptSymbol(","));

            ExpectSymbol(")");
        }

        return new ExecuteStatement { Name = name, Arguments = args, Text = StatementText(start), Offset = start };
    }

    /// <summary>SHOW's argument: a (dotted) name, ALL, or TIME ZONE / TRANSACTION ISOLATION LEVEL / SESSION AUTHORIZATION.</summary>
    private string ParseShowName()
    {
        if (Current.IsKeyword("time") && PeekToken(1).IsKeyword("zone"))
        {
            _pos += 2;
            return "timezone";
        }

        if (Current.IsKeyword("transaction") && PeekToken(1).IsKeyword("isolation"))
        {
            _pos += 2;
            ExpectKeyword("level");
            return "transaction_isolation";
        }

        if (Current.IsKeyword("session") && PeekToken(1).IsKeyword("authorization"))
        {
            _pos += 2;
            return "session_authorization";
        }

        return ParseDottedName();
    }

    /// <summary>SHOW COLUMNS' table: name or public.name (another schema has no tables: 42P01 later).</summary>
    private string ParseShowTable()
    {
        string name = ParseDottedName();
        return name.StartsWith("public.", StringComparison.Ordinal) ? name["public.".Length..] : name;
    }

    /// <summary>RESET's argument; null for ALL.</summary>
    private string? ParseResetName()
    {
        if (AcceptKeyword("all"))
        {
            return null;
        }

        return ParseShowName();
    }

    /// <summary>A parameter name: identifier [. identifier ...] (custom parameters are "class.name"), lower case unless quoted.</summary>
    private string ParseDottedName()
    {
        string name = ExpectName(allowReserved: true);
        while (AcceptSymbol("."))
        {
            name += "." + ExpectName(allowReserved: true);
        }

        return name;
    }

    /// <summary>One SET value item: a word, a quoted identifier, a string, or a signed number.</summary>
    private SettingArgument ParseSettingArgument()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.String:
                _pos++;
                return new SettingArgument(SettingArgumentKind.String, t.Text);
            case TokenKind.QuotedIdentifier:
                _pos++;
                return new SettingArgument(SettingArgumentKind.QuotedIdentifier, t.Text);
            case TokenKind.Identifier when t.Text != "default":
                _pos++;
                return new SettingArgument(SettingArgumentKind.Word, t.Text);
            case TokenKind.Integer or TokenKind.Decimal:
                _pos++;
                return new SettingArgument(SettingArgumentKind.Number, t.Text);
            case TokenKind.Operator when (t.Text is "-" or "+") && PeekToken(1).Kind is TokenKind.Integer or TokenKind.Decimal:
                _pos += 2;
                return new SettingArgument(SettingArgumentKind.Number, (t.Text == "-" ? "-" : string.Empty) + PeekToken(-1).Text);
            default:
                throw SyntaxError(t);
        }
    }
}
