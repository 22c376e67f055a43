using System.Diagnostics.CodeAnalysis;
using IOx.Pg.Executor.Expressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Operators.Aggregate;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Operators.Join;

/// <summary>
/// A hash join: the right input is the build side, read whole into one column per column (plus a
/// trailing all-NULL row that stands for "no right row" in outer joins) and hashed on its key
/// columns into chains (head per distinct key, next per row); the left input streams through and
/// probes a whole batch at a time. Keys are hashed by value with the aggregate's key encoders, so
/// a dictionary tag column matches a plain text column with the same text, and floats compare as
/// numbers (0 = -0). A NULL key never matches unless <c>nullsEqual</c> (set operations).
/// Candidate pairs collect in index vectors of at most <see cref="RecordBatch.MaxRows"/> pairs;
/// the output columns are gathered by those vectors, so nothing is allocated per row. With no
/// keys every pair is a candidate: that is the nested-loop join, used for conditions without
/// equalities (and CROSS JOIN); the residual condition is then evaluated per pair vector.
/// A single join (correlated scalar subquery) is a left join that checks, per matching pair,
/// that its probe row had no match before (21000 otherwise), with the same flags outer joins keep.
/// </summary>
public sealed class HashJoinOperator : Operator
{
    /// <summary>The probe side.</summary>
    private readonly Operator _left;

    /// <summary>The build side.</summary>
    private readonly Operator _right;

    /// <summary>Which rows are yielded.</summary>
    private readonly JoinKind _kind;

    /// <summary>Key expressions over the left input.</summary>
    private readonly PhysicalExpr[] _leftKeys;

    /// <summary>Key expressions over the right input (same types as the left ones).</summary>
    private readonly PhysicalExpr[] _rightKeys;

    /// <summary>What must also hold for a candidate pair, over left ++ right columns; null: nothing.</summary>
    private readonly PhysicalExpr? _residual;

    /// <summary>Whether NULL keys match each other.</summary>
    private readonly bool _nullsEqual;

    /// <summary>The output schema.</summary>
    private readonly Schema _schema;

    /// <summary>The schema of a candidate batch (left ++ right), what the residual reads.</summary>
    private readonly Schema _pairSchema;

    /// <summary>The budget of the query this operator was built for.</summary>
    private readonly Memory.QueryMemoryBudget _budget = Memory.QueryMemoryBudget.Current;

    /// <summary>Creates the join.</summary>
    public HashJoinOperator(Operator left, Operator right, JoinKind kind, PhysicalExpr[] leftKeys, PhysicalExpr[] rightKeys, PhysicalExpr? residual, bool nullsEqual, Schema schema)
    {
        _left = left;
        _right = right;
        _kind = kind;
        _leftKeys = leftKeys;
        _rightKeys = rightKeys;
        _residual = residual;
        _nullsEqual = nullsEqual;
        _schema = schema;
        var fields = new Field[left.Schema.Count + right.Schema.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = i < left.Schema.Count ? left.Schema[i] : right.Schema[i - left.Schema.Count];
        }

        _pairSchema = new Schema(fields);
    }

    /// <inheritdoc/>
    public override Schema Schema => _schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        var keyTypes = new DataType[_leftKeys.Length];
        for (int i = 0; i < keyTypes.Length; i++)
        {
            keyTypes[i] = _leftKeys[i].Type;
        }

        var mapper = new GroupKeyMapper(keyTypes);
        using var memory = new Memory.MemoryReservation(_budget, "HashJoin build side");
        var build = BuildSide.Read(_right, _rightKeys, mapper, _nullsEqual, memory, cancellationToken);
        long buildBytes = memory.Bytes - mapper.MemoryBytes;
        bool leftOnly = _kind is JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti;
        bool emitsUnmatchedLeft = _kind is JoinKind.Left or JoinKind.Full or JoinKind.Anti or JoinKind.NullAwareAnti or JoinKind.Single;
        if (build.Rows == 0 && !emitsUnmatchedLeft && _kind != JoinKind.Right)
        {
            // Inner, semi and right joins with an empty build side yield nothing: do not read the left.
            yield break;
        }

        if (_kind == JoinKind.NullAwareAnti && build.HasNullKey)
        {
            // x NOT IN (... NULL ...) is never true.
            yield break;
        }

        bool[]? rightMatched = _kind is JoinKind.Right or JoinKind.Full ? new bool[build.Rows] : null;
        var pairLeft = new int[RecordBatch.MaxRows];
        var pairRight = new int[RecordBatch.MaxRows];
        var selection = new int[RecordBatch.MaxRows];
        bool[] leftMatched = new bool[RecordBatch.MaxRows];
        var keyColumns = new Column[_leftKeys.Length];
        foreach (RecordBatch batch in _left.Execute(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = batch.RowCount;
            if (leftMatched.Length < rows)
            {
                leftMatched = new bool[rows];
                selection = new int[rows];
            }

            Array.Clear(leftMatched, 0, rows);
            for (int k = 0; k < keyColumns.Length; k++)
            {
                keyColumns[k] = _leftKeys[k].Evaluate(batch);
            }

            int[] groups = ProbeGroups(mapper, keyColumns, rows, build);

            // Probe keys not on the build side still enter the key table: keep it charged.
            memory.Resize(buildBytes + mapper.MemoryBytes);
            if (build.Rows == 0 && leftOnly)
            {
                // Anti joins: every left row is unmatched (for NOT IN, even a NULL one: NOT IN () is true).
                yield return Select(batch, selection, rows, all: true)!;
                continue;
            }

            if (leftOnly && _residual is null)
            {
                // Semi / anti without a residual: a row's chain being empty or not decides it.
                int count = 0;
                bool want = _kind == JoinKind.Semi;
                for (int i = 0; i < rows; i++)
                {
                    int g = groups[i];
                    bool hit = g >= 0 && build.Head[g] >= 0;
                    if (_kind == JoinKind.NullAwareAnti && g == NullKey)
                    {
                        // NULL NOT IN (non-empty set) is NULL: not kept.
                        hit = true;
                    }

                    if (hit == want)
                    {
                        selection[count++] = i;
                    }
                }

                RecordBatch? kept = Select(batch, selection, count);
                if (kept is not null)
                {
                    yield return kept;
                }

                continue;
            }

            // Candidate pairs, a vector at a time.
            int pairs = 0;
            bool identity = true;
            for (int i = 0; i < rows; i++)
            {
                int g = groups[i];
                if (g < 0)
                {
                    continue;
                }

                for (int r = build.Head[g]; r >= 0; r = build.Next[r])
                {
                    identity &= pairs == i;
                    pairLeft[pairs] = i;
                    pairRight[pairs] = r;
                    pairs++;
                    if (pairs == pairLeft.Length)
                    {
                        RecordBatch? full = ProcessPairs(batch, build, pairLeft, pairRight, pairs, identity && pairs == rows, leftMatched, rightMatched, leftOnly);
                        if (full is not null)
                        {
                            yield return full;
                        }

                        pairs = 0;
                        identity = false;
                    }
                }
            }

            if (pairs > 0)
            {
                RecordBatch? rest = ProcessPairs(batch, build, pairLeft, pairRight, pairs, identity && pairs == rows, leftMatched, rightMatched, leftOnly);
                if (rest is not null)
                {
                    yield return rest;
                }
            }

            if (emitsUnmatchedLeft || _kind == JoinKind.Semi)
            {
                // Rows decided by the match flags: semi keeps the matched, the others the unmatched.
                bool want = _kind == JoinKind.Semi;
                int count = 0;
                for (int i = 0; i < rows; i++)
                {
                    if (leftMatched[i] == want)
                    {
                        selection[count++] = i;
                    }
                }

                if (leftOnly)
                {
                    RecordBatch? kept = Select(batch, selection, count);
                    if (kept is not null)
                    {
                        yield return kept;
                    }
                }
                else if (count > 0)
                {
                    var nullRight = new int[count];
                    Array.Fill(nullRight, build.Rows);
                    yield return Gather(batch, selection.AsSpan(0, count), build, nullRight, identityLeft: count == rows);
                }
            }
        }

        if (rightMatched is not null)
        {
            // Right and full joins: build rows no pair matched, with NULLs on the left.
            var unmatched = new List<int>();
            for (int r = 0; r < build.Rows; r++)
            {
                if (!rightMatched[r])
                {
                    unmatched.Add(r);
                }

                if (unmatched.Count == RecordBatch.MaxRows || (r == build.Rows - 1 && unmatched.Count > 0))
                {
                    yield return GatherRightOnly(build, unmatched);
                    unmatched.Clear();
                }
            }
        }
    }

    /// <summary>Marker group of a probe row whose key holds a NULL (it matches nothing).</summary>
    private const int NullKey = -2;

    /// <summary>
    /// The build chain head index (a group id below the build side's group count) of each probe
    /// row, or -1 when its key is not on the build side, or <see cref="NullKey"/> for a NULL key.
    /// </summary>
    private int[] ProbeGroups(GroupKeyMapper mapper, Column[] keyColumns, int rows, BuildSide build)
    {
        ReadOnlySpan<int> ids = mapper.Map(keyColumns, rows);
        int[] groups = build.ProbeScratch(rows);
        for (int i = 0; i < rows; i++)
        {
            int g = ids[i];
            groups[i] = g < build.GroupCount ? g : -1;
        }

        if (!_nullsEqual)
        {
            foreach (Column key in keyColumns)
            {
                if (key.NullCount == 0)
                {
                    continue;
                }

                for (int i = 0; i < rows; i++)
                {
                    if (key.IsNull(i))
                    {
                        groups[i] = NullKey;
                    }
                }
            }
        }

        return groups;
    }

    /// <summary>
    /// Checks the residual on a pair vector, records matches, and returns the output rows of the
    /// matching pairs (null for semi/anti joins, which decide per left row afterwards, or when none match).
    /// </summary>
    private RecordBatch? ProcessPairs(RecordBatch batch, BuildSide build, int[] pairLeft, int[] pairRight, int pairs, bool identity, bool[] leftMatched, bool[]? rightMatched, bool leftOnly)
    {
        int kept = pairs;
        RecordBatch? candidates = null;
        if (_residual is not null)
        {
            candidates = Gather(batch, pairLeft.AsSpan(0, pairs), build, pairRight.AsSpan(0, pairs), identity, _pairSchema);
            var mask = (BooleanColumn)_residual.Evaluate(candidates);
            kept = 0;
            for (int p = 0; p < pairs; p++)
            {
                if (mask.IsValid(p) && mask.GetValue(p))
                {
                    pairLeft[kept] = pairLeft[p];
                    pairRight[kept] = pairRight[p];
                    kept++;
                }
            }
        }

        if (_kind == JoinKind.Single)
        {
            // A probe row's pairs are contiguous and its flag survives across pair vectors of the
            // same batch, so a flag already set means a second matching build row.
            for (int p = 0; p < kept; p++)
            {
                int i = pairLeft[p];
                if (leftMatched[i])
                {
                    ThrowMoreThanOneRow();
                }

                leftMatched[i] = true;
            }
        }
        else
        {
            for (int p = 0; p < kept; p++)
            {
                leftMatched[pairLeft[p]] = true;
            }
        }

        if (rightMatched is not null)
        {
            for (int p = 0; p < kept; p++)
            {
                rightMatched[pairRight[p]] = true;
            }
        }

        if (leftOnly || kept == 0)
        {
            return null;
        }

        if (candidates is not null && kept == pairs)
        {
            return new RecordBatch(_schema, ColumnsOf(candidates), pairs);
        }

        return Gather(batch, pairLeft.AsSpan(0, kept), build, pairRight.AsSpan(0, kept), identity && kept == pairs);
    }

    /// <summary>21000 for a single join's probe row with a second match (kept out of the pair loop so it stays small).</summary>
    [DoesNotReturn]
    private static void ThrowMoreThanOneRow() =>
        throw new SqlException(SqlState.CardinalityViolation, "more than one row returned by a subquery used as an expression");

    /// <summary>The columns of a batch as an array.</summary>
    private static Column[] ColumnsOf(RecordBatch batch)
    {
        var columns = new Column[batch.Schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = batch.Column(c);
        }

        return columns;
    }

    /// <summary>Left rows at <paramref name="left"/> beside build rows at <paramref name="right"/>, as a batch of <paramref name="schema"/> (the output's by default).</summary>
    private RecordBatch Gather(RecordBatch batch, ReadOnlySpan<int> left, BuildSide build, ReadOnlySpan<int> right, bool identityLeft, Schema? schema = null)
    {
        int leftWidth = batch.Schema.Count;
        var columns = new Column[leftWidth + build.Columns.Length];
        for (int c = 0; c < leftWidth; c++)
        {
            // A probe batch whose rows each met exactly one pair, in order, keeps its columns as they are.
            columns[c] = identityLeft ? batch.Column(c) : ColumnFactory.Take(batch.Column(c), left);
        }

        for (int c = 0; c < build.Columns.Length; c++)
        {
            columns[leftWidth + c] = ColumnFactory.Take(build.Columns[c], right);
        }

        return new RecordBatch(schema ?? _schema, columns, left.Length);
    }

    /// <summary>Build rows <paramref name="rows"/> with NULLs for every left column.</summary>
    private RecordBatch GatherRightOnly(BuildSide build, List<int> rows)
    {
        int leftWidth = _left.Schema.Count;
        var columns = new Column[leftWidth + build.Columns.Length];
        for (int c = 0; c < leftWidth; c++)
        {
            columns[c] = NullColumns.Create(_left.Schema[c].Type, rows.Count);
        }

        int[] indices = rows.ToArray();
        for (int c = 0; c < build.Columns.Length; c++)
        {
            columns[leftWidth + c] = ColumnFactory.Take(build.Columns[c], indices);
        }

        return new RecordBatch(_schema, columns, rows.Count);
    }

    /// <summary>The rows of <paramref name="batch"/> at the first <paramref name="count"/> selection indices, relabelled with the output schema; null when none.</summary>
    private RecordBatch? Select(RecordBatch batch, int[] selection, int count, bool all = false)
    {
        if (count == 0)
        {
            return null;
        }

        var columns = new Column[batch.Schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = all || count == batch.RowCount ? batch.Column(c) : ColumnFactory.Take(batch.Column(c), selection.AsSpan(0, count));
        }

        return new RecordBatch(_schema, columns, count);
    }
}
