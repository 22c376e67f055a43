using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire.Messages.Backend;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// SQL DEALLOCATE of a statement prepared with the protocol's Parse. PostgreSQL keeps SQL PREPARE
/// statements and named protocol statements in one namespace, and psqlODBC frees the statement it
/// parsed as "_PLAN0x..." with <c>DEALLOCATE "_PLAN0x..."</c> before reusing the name; the engine
/// knows only the SQL ones, so the connection answers for its own.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>Drops the named protocol-level statement of a DEALLOCATE the session's SQL statements do not hold; false to let the engine run it.</summary>
    private bool TryDeallocateProtocolStatement(Statement statement)
    {
        if (statement is not DeallocateStatement { Name: { Length: > 0 } name }
            || CurrentSession.PreparedStatements.ContainsKey(name)
            || !_statements.Remove(name, out PreparedStatement? prepared))
        {
            return false;
        }

        DropStatement(prepared);
        CommandComplete.Write(_output, "DEALLOCATE", false, 0);
        return true;
    }
}
