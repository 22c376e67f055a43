using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// A portal made by Bind: a prepared statement with decoded parameter values and result formats, and,
/// once started by Describe or Execute, its result and send position. Dropped at Sync (every
/// statement runs in its own implicit transaction) or by Close.
/// </summary>
internal sealed class Portal : IDisposable
{
    /// <summary>Creates a portal.</summary>
    public Portal(string name, PreparedStatement statement, short[] resultFormatCodes, ScalarValue[] parameters)
    {
        Name = name;
        Statement = statement;
        ResultFormatCodes = resultFormatCodes;
        Parameters = parameters;
    }

    /// <summary>The portal name; empty for the unnamed portal.</summary>
    public string Name { get; }

    /// <summary>The statement it runs.</summary>
    public PreparedStatement Statement { get; }

    /// <summary>Result format codes as bound (none, one for all, or one per column).</summary>
    public short[] ResultFormatCodes { get; }

    /// <summary>The bound parameter values, decoded to the statement's parameter types ($1 first; typed nulls for NULL).</summary>
    public ScalarValue[] Parameters { get; }

    /// <summary>The started result, or null before Describe/Execute.</summary>
    public QueryResult? Result { get; set; }

    /// <summary>The row cursor of a row-returning result, once formats are resolved.</summary>
    public ResultCursor? Cursor { get; set; }

    /// <summary>Whether the command ran to completion (a later Execute sends an empty completion).</summary>
    public bool Done { get; set; }

    /// <summary>Resolves the bound format codes for <paramref name="columnCount"/> columns (PostgreSQL's none/one/each rule).</summary>
    public PgFormat[] ResolveFormats(int columnCount)
    {
        var formats = new PgFormat[columnCount];
        if (ResultFormatCodes.Length == 0)
        {
            return formats;
        }

        if (ResultFormatCodes.Length == 1)
        {
            Array.Fill(formats, (PgFormat)ResultFormatCodes[0]);
            return formats;
        }

        if (ResultFormatCodes.Length != columnCount)
        {
            throw new Storage.Errors.SqlException(
                Storage.Errors.SqlState.ProtocolViolation,
                $"bind message has {ResultFormatCodes.Length} result formats but query has {columnCount} columns");
        }

        for (int i = 0; i < columnCount; i++)
        {
            formats[i] = (PgFormat)ResultFormatCodes[i];
        }

        return formats;
    }

    /// <summary>Releases the result's enumerator.</summary>
    public void Dispose() => Cursor?.Dispose();

    /// <summary>The error text PostgreSQL uses when this portal is missing.</summary>
    public static string MissingMessage(string name) =>
        name.Length == 0 ? "unnamed portal does not exist" : $"portal \"{name}\" does not exist";
}
