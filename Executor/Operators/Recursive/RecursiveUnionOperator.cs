using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Memory;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Operators.Recursive;

/// <summary>
/// WITH RECURSIVE name AS (anchor UNION [ALL] recursive): PostgreSQL's iteration. The anchor's
/// rows are output and become the working table; then, until an iteration adds no row, the
/// recursive term runs over the working table, its rows are output and become the next working
/// table. With UNION (not ALL) a row equal to any row already output is dropped (a hash set of
/// every output row, NULLs equal), which is also what ends cyclic walks. Rows stream out as they
/// are made, so an outer LIMIT stops the iteration early, as in PostgreSQL. PostgreSQL itself
/// never stops a runaway recursion; here more than <see cref="MaxRows"/> rows in all is 54000, so
/// a missing termination condition ends with an error instead of running until the statement
/// timeout or the memory is gone. The working tables (current and next) and the UNION hash set
/// are charged to the query's <see cref="QueryMemoryBudget"/> (53200 past its limit).
/// </summary>
public sealed class RecursiveUnionOperator : Operator
{
    /// <summary>The most rows one recursive query may produce.</summary>
    public const long MaxRows = 10_000_000;

    /// <summary>The non-recursive term.</summary>
    private readonly Operator _anchor;

    /// <summary>The recursive term; it reads <see cref="_table"/>.</summary>
    private readonly Operator _recursive;

    /// <summary>The working table the recursive term reads.</summary>
    private readonly WorkTable _table;

    /// <summary>UNION (drop rows already output) rather than UNION ALL.</summary>
    private readonly bool _distinct;

    /// <summary>The query's name, for the error.</summary>
    private readonly string _name;

    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly QueryMemoryBudget _budget = QueryMemoryBudget.Current;

    /// <summary>Creates the operator; both terms produce <paramref name="schema"/>'s column types.</summary>
    public RecursiveUnionOperator(Operator anchor, Operator recursive, WorkTable table, bool distinct, Schema schema, string name)
    {
        _anchor = anchor;
        _recursive = recursive;
        _table = table;
        _distinct = distinct;
        Schema = schema;
        _name = name;
    }

    /// <inheritdoc/>
    public override Schema Schema { get; }

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        GroupKeyMapper? seen = null;
        if (_distinct)
        {
            var types = new DataType[Schema.Count];
            for (int i = 0; i < types.Length; i++)
            {
                types[i] = Schema[i].Type;
            }

            seen = new GroupKeyMapper(types);
        }

        using var memory = new MemoryReservation(_budget, "RecursiveUnion work table");
        long total = 0;
        long currentBytes = 0;
        long nextBytes = 0;
        var current = new List<RecordBatch>();
        foreach (RecordBatch batch in _anchor.Execute(cancellationToken))
        {
            RecordBatch? kept = Keep(batch, seen);
            if (kept is not null)
            {
                total = Count(total, kept.RowCount);
                nextBytes += BatchMemory.Of(kept);
                memory.Resize(nextBytes + (seen?.MemoryBytes ?? 0));
                current.Add(kept);
                yield return kept;
            }
        }

        while (current.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            currentBytes = nextBytes;
            nextBytes = 0;
            _table.Set(current);
            var next = new List<RecordBatch>();
            foreach (RecordBatch batch in _recursive.Execute(cancellationToken))
            {
                RecordBatch? kept = Keep(batch, seen);
                if (kept is not null)
                {
                    total = Count(total, kept.RowCount);
                    nextBytes += BatchMemory.Of(kept);
                    memory.Resize(currentBytes + nextBytes + (seen?.MemoryBytes ?? 0));
                    next.Add(kept);
                    yield return kept;
                }
            }

            current = next;
        }

        _table.Set([]);
    }

    /// <summary>The running total after <paramref name="rows"/> more; 54000 past <see cref="MaxRows"/>.</summary>
    private long Count(long total, int rows)
    {
        total += rows;
        if (total > MaxRows)
        {
            throw new SqlException(SqlState.ProgramLimitExceeded, $"recursive query \"{_name}\" produced more than {MaxRows} rows",
                hint: "Check the recursive term's termination condition, or use UNION instead of UNION ALL to stop at repeated rows.");
        }

        return total;
    }

    /// <summary>
    /// The rows of <paramref name="batch"/> to output under our schema: all of them for UNION ALL;
    /// for UNION those not seen before (a row is new exactly when the mapper gives it the next
    /// unused group id, ids being handed out in order). Null when none is left.
    /// </summary>
    private RecordBatch? Keep(RecordBatch batch, GroupKeyMapper? seen)
    {
        if (batch.RowCount == 0)
        {
            return null;
        }

        var columns = new Column[Schema.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = batch.Column(i);
        }

        if (seen is null)
        {
            return new RecordBatch(Schema, columns, batch.RowCount);
        }

        int before = seen.Table.Count;
        ReadOnlySpan<int> ids = seen.Map(columns, batch.RowCount);
        int[] keep = new int[batch.RowCount];
        int kept = 0;
        int nextId = before;
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] == nextId)
            {
                keep[kept++] = i;
                nextId++;
            }
        }

        if (kept == 0)
        {
            return null;
        }

        if (kept == batch.RowCount)
        {
            return new RecordBatch(Schema, columns, kept);
        }

        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = ColumnFactory.Take(columns[i], keep.AsSpan(0, kept));
        }

        return new RecordBatch(Schema, columns, kept);
    }
}
