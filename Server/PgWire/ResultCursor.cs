using IOx.Pg.Planner.Engine;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// Where sending a result's rows stands: the batch enumerator, the batch being sent and the
/// next row in it, plus each column's wire format and OID. Lets Execute with a row limit stop
/// mid-batch and continue on the next Execute. Owns the enumerator (dispose it).
/// </summary>
public sealed class ResultCursor : IDisposable
{
    /// <summary>The batches; null once exhausted or disposed.</summary>
    private IEnumerator<RecordBatch>? _batches;

    /// <summary>Creates a cursor over <paramref name="result"/> with resolved per-column formats.</summary>
    public ResultCursor(QueryResult result, PgFormat[] formats)
    {
        Result = result;
        Formats = formats;
        TypeOids = new int[result.Columns.Count];
        for (int i = 0; i < TypeOids.Length; i++)
        {
            ResultColumn column = result.Columns[i];
            TypeOids[i] = PgTypeInfo.OidOf(column.Type, column.PgTypeOverride, column.ElementType);
            if (formats[i] == PgFormat.Binary && !ColumnEncoder.SupportsBinary(column.Type, TypeOids[i]))
            {
                throw new Storage.Errors.SqlException(Storage.Errors.SqlState.UndefinedFunction, $"no binary output function available for type {TypeOids[i]}");
            }
        }
    }

    /// <summary>Switches the wire format of each column for the rows sent next (a FETCH's own Bind decides them); 42883 for a type without a binary form.</summary>
    public void UseFormats(PgFormat[] formats)
    {
        for (int i = 0; i < formats.Length; i++)
        {
            if (formats[i] == PgFormat.Binary && !ColumnEncoder.SupportsBinary(Result.Columns[i].Type, TypeOids[i]))
            {
                throw new Storage.Errors.SqlException(Storage.Errors.SqlState.UndefinedFunction, $"no binary output function available for type {TypeOids[i]}");
            }
        }

        formats.CopyTo(Formats, 0);
    }

    /// <summary>The result being sent.</summary>
    public QueryResult Result { get; }

    /// <summary>Wire format per column.</summary>
    public PgFormat[] Formats { get; }

    /// <summary>Described type OID per column.</summary>
    public int[] TypeOids { get; }

    /// <summary>The batch being sent, or null before the first and after the last.</summary>
    public RecordBatch? Batch { get; private set; }

    /// <summary>The next row of <see cref="Batch"/> to send.</summary>
    public int Row { get; set; }

    /// <summary>Whether every row has been sent.</summary>
    public bool Completed { get; private set; }

    /// <summary>Rows of <see cref="Batch"/> not sent yet.</summary>
    public int RowsLeftInBatch => Batch is null ? 0 : Batch.RowCount - Row;

    /// <summary>The RowDescription fields for this result.</summary>
    public FieldDescription[] Describe() => DescribeColumns(Result, Formats);

    /// <summary>RowDescription fields for <paramref name="result"/> with the given formats.</summary>
    public static FieldDescription[] DescribeColumns(QueryResult result, PgFormat[]? formats) => DescribeColumns(result.Columns, formats);

    /// <summary>RowDescription fields for <paramref name="columns"/> with the given formats (text when null).</summary>
    public static FieldDescription[] DescribeColumns(IReadOnlyList<ResultColumn> columns, PgFormat[]? formats)
    {
        var fields = new FieldDescription[columns.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            ResultColumn column = columns[i];
            int oid = PgTypeInfo.OidOf(column.Type, column.PgTypeOverride, column.ElementType);
            fields[i] = new FieldDescription(column.Name, column.TableOid, column.ColumnNumber, oid, PgTypeInfo.SizeOf(oid), -1, formats is null ? PgFormat.Text : formats[i]);
        }

        return fields;
    }

    /// <summary>Advances to the next non-empty batch; false when there is none (execution errors surface here).</summary>
    public bool MoveNextBatch()
    {
        if (Completed)
        {
            return false;
        }

        _batches ??= Result.Batches.GetEnumerator();
        while (_batches.MoveNext())
        {
            RecordBatch batch = _batches.Current;
            if (batch.RowCount > 0)
            {
                Batch = batch;
                Row = 0;
                return true;
            }
        }

        Batch = null;
        Completed = true;
        Dispose();
        return false;
    }

    /// <summary>Releases the engine's enumerator.</summary>
    public void Dispose()
    {
        IEnumerator<RecordBatch>? batches = _batches;
        _batches = null;
        batches?.Dispose();
    }
}
