using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// DELETE and VACUUM (PostgreSQL 15 grammar, gram.y's DeleteStmt and VacuumStmt). DELETE's USING,
/// WHERE CURRENT OF and RETURNING are valid PostgreSQL that deletes by tombstone cannot do: 0A000.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Parses DELETE or VACUUM if the current word starts one.</summary>
    private bool TryParseMaintenanceStatement(int start, out Statement? statement)
    {
        statement = null;
        if (Current.Kind != TokenKind.Identifier)
        {
            return false;
        }

        if (Current.IsKeyword("delete") && PeekToken(1).IsKeyword("from"))
        {
            _pos += 2;
            statement = ParseDelete(start);
            return true;
        }

        if (Current.IsKeyword("vacuum"))
        {
            _pos++;
            statement = ParseVacuum(start);
            return true;
        }

        return false;
    }

    /// <summary>After DELETE FROM.</summary>
    private DeleteStatement ParseDelete(int start)
    {
        TableRef table = ParseTableRef();
        if (table.ColumnAliases is not null)
        {
            throw SyntaxError(Current);
        }

        if (Current.IsKeyword("using"))
        {
            throw SqlException.NotSupported("DELETE ... USING (deletes take time and tag predicates of one table)", Current.Offset + 1);
        }

        Expr? where = null;
        if (AcceptKeyword("where"))
        {
            if (Current.IsKeyword("current") && PeekToken(1).IsKeyword("of"))
            {
                throw SqlException.NotSupported("DELETE ... WHERE CURRENT OF (cursors are read-only)", Current.Offset + 1);
            }

            where = ParseExpr();
        }

        if (Current.IsKeyword("returning"))
        {
            throw SqlException.NotSupported("DELETE ... RETURNING (deleted rows are not read back)", Current.Offset + 1);
        }

        return new DeleteStatement { Table = table, Where = where, Text = StatementText(start), Offset = start };
    }

    /// <summary>After VACUUM: [(option, ...)] or [FULL] [FREEZE] [VERBOSE] [ANALYZE], then [table, ...].</summary>
    private VacuumStatement ParseVacuum(int start)
    {
        if (AcceptSymbol("("))
        {
            // Options only tune PostgreSQL's heap vacuum; compaction has none of them. Accept and ignore.
            int depth = 1;
            while (depth > 0)
            {
                if (Current.Kind == TokenKind.End)
                {
                    throw SyntaxError(Current);
                }

                depth += Current.IsSymbol("(") ? 1 : Current.IsSymbol(")") ? -1 : 0;
                _pos++;
            }
        }
        else
        {
            while (AcceptKeyword("full") || AcceptKeyword("freeze") || AcceptKeyword("verbose") || AcceptKeyword("analyze") || AcceptKeyword("analyse"))
            {
            }
        }

        var tables = new List<TableRef>();
        if (!Current.IsSymbol(";") && Current.Kind != TokenKind.End)
        {
            do
            {
                int position = Current.Offset;
                string name = ExpectName(allowReserved: false);
                string? schema = null;
                if (AcceptSymbol("."))
                {
                    schema = name;
                    name = ExpectName(allowReserved: true);
                }

                if (Current.IsSymbol("("))
                {
                    throw SqlException.NotSupported("VACUUM of a column list (compaction rewrites whole files)", Current.Offset + 1);
                }

                tables.Add(new TableRef(schema, name, null, position));
            }
            while (AcceptSymbol(","));
        }

        return new VacuumStatement { Tables = tables, Text = StatementText(start), Offset = start };
    }
}
