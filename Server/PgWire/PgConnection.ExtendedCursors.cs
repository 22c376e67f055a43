using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire.Messages.Backend;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// DECLARE / FETCH / CLOSE through the extended protocol, as psycopg 3's server-side cursors send
/// them: DECLARE is bound like any statement (its query's $n come from Bind) and answers NoData to
/// Describe; a DECLAREd cursor can be described as a portal by its name (cursors and portals share
/// one namespace in PostgreSQL); FETCH sends the cursor's rows in the result formats of its own
/// Bind, so one cursor can be read in text by one FETCH and in binary by the next.
/// </summary>
internal sealed partial class PgConnection
{
    /// <summary>Describe of a portal running a cursor statement, or of a DECLAREd cursor by name; false when it is neither.</summary>
    private bool TryDescribeCursorPortal(string name)
    {
        if (_portals.TryGetValue(name, out Portal? portal))
        {
            switch (portal.Statement.Statement)
            {
                case FetchStatement fetch:
                {
                    ResultCursor cursor = Cursor(fetch.Name);
                    RowDescription.Write(_output, ResultCursor.DescribeColumns(cursor.Result, portal.ResolveFormats(cursor.Formats.Length)));
                    return true;
                }

                case DeclareCursorStatement or CloseCursorStatement:
                    NoData.Write(_output);
                    return true;
                default:
                    return false;
            }
        }

        if (_cursors.TryGetValue(name, out (ResultCursor Cursor, bool Hold) open))
        {
            RowDescription.Write(_output, open.Cursor.Describe());
            return true;
        }

        return false;
    }

    /// <summary>Execute of a portal running DECLARE, FETCH or CLOSE; false for any other statement.</summary>
    private async ValueTask<bool> TryExecuteCursorPortalAsync(Portal portal)
    {
        switch (portal.Statement.Statement)
        {
            case DeclareCursorStatement declare:
                if (!portal.Done)
                {
                    DeclareCursor(declare, portal.Parameters);
                    _queryRunning = false;
                    portal.Done = true;
                }

                CommandComplete.Write(_output, "DECLARE CURSOR", false, 0);
                return true;
            case FetchStatement fetch:
            {
                ResultCursor cursor = Cursor(fetch.Name);
                cursor.UseFormats(portal.ResolveFormats(cursor.Formats.Length));
                long rows = fetch.Count == 0 ? 0 : await SendRowsAsync(cursor, fetch.Count < 0 ? 0 : fetch.Count).ConfigureAwait(false);
                _queryRunning = false;
                CommandComplete.Write(_output, "FETCH", true, rows);
                return true;
            }

            case CloseCursorStatement close:
                if (!portal.Done)
                {
                    CloseCursor(close);
                    portal.Done = true;
                }

                CommandComplete.Write(_output, "CLOSE CURSOR", false, 0);
                return true;
            default:
                return false;
        }
    }
}
