using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// One table's rows in memory. Rows are appended through a <see cref="TableWriter"/> (which holds
/// the table lock) into column builders; every <see cref="RecordBatch.MaxRows"/> rows the active
/// chunk is frozen into an immutable record batch. Column 0 is always <c>time</c>. Columns are
/// only appended, never removed or retyped: the first write of a column fixes its type (schema
/// on write), so every frozen batch's schema is a prefix of the current one.
/// </summary>
public sealed partial class TableBuffer
{
    /// <summary>Name of the time column.</summary>
    public const string TimeColumnName = "time";

    /// <summary>Guards every field below.</summary>
    private readonly Lock _lock = new();

    /// <summary>Columns in schema order; index 0 is time.</summary>
    private readonly List<ColumnState> _columns = [];

    /// <summary>Column index by name.</summary>
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    /// <summary>Span lookup into <see cref="_byName"/>, so names decoded from a request need no string.</summary>
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;

    /// <summary>Frozen chunks not yet sealed for persistence, oldest first.</summary>
    private readonly List<RecordBatch> _frozen = [];

    /// <summary>Rows in the active chunk (every builder's Length equals this between rows).</summary>
    private int _activeRows;

    /// <summary>
    /// The active chunk as the last snapshot copied it; null once a row or column is added or the
    /// chunk is frozen. Queries between writes share one copy (and so its series index and time
    /// statistics) instead of copying the chunk each time.
    /// </summary>
    private RecordBatch? _activeSnapshot;

    /// <summary>Schema of the current columns, rebuilt lazily after a column is added; null when stale.</summary>
    private Schema? _schema;

    /// <summary>Creates an empty table with only its time column.</summary>
    public TableBuffer(string name)
    {
        Name = name;
        _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        AddColumnUnsynchronized(TimeColumnName, DataType.Timestamp, ColumnRole.Time);
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Rows held in memory (live and sealed; rows already in persisted files are not counted).</summary>
    public long RowCount
    {
        get
        {
            lock (_lock)
            {
                return BufferedRowsUnsynchronized();
            }
        }
    }

    /// <summary>The current schema.</summary>
    public Schema Schema
    {
        get
        {
            lock (_lock)
            {
                return SchemaUnsynchronized();
            }
        }
    }

    /// <summary>Takes the table lock and returns a writer; dispose it to release the lock.</summary>
    public TableWriter BeginWrite()
    {
        _lock.Enter();
        return new TableWriter(this);
    }

    /// <summary>
    /// An immutable view of everything written so far: the persisted files, the sealed batches
    /// being persisted and the live batches (the active chunk copied), all captured under the
    /// table lock, so that a persist completing concurrently can neither hide rows nor show them twice.
    /// </summary>
    public TableSnapshot Snapshot()
    {
        lock (_lock)
        {
            Schema schema = SchemaUnsynchronized();
            var live = new List<RecordBatch>(_frozen.Count + 1);
            live.AddRange(_frozen);
            if (_activeRows > 0)
            {
                live.Add(_activeSnapshot ??= ActiveSnapshotUnsynchronized(schema));
            }

            var sources = new List<BufferSource>(2);
            if (_sealed.Count > 0)
            {
                sources.Add(new BufferSource([.. _sealed], _sealedStats.MinTime, _sealedStats.MaxTime, _sealedStats.MayHaveDuplicates));
            }

            if (live.Count > 0)
            {
                sources.Add(new BufferSource(live, _liveStats.MinTime, _liveStats.MaxTime, _liveStats.MayHaveDuplicates));
            }

            return new TableSnapshot(schema, [.. _files], sources) { Tombstones = _tombstones };
        }
    }

    /// <summary>A copy of the active chunk's rows as an immutable batch. Caller holds the lock.</summary>
    private RecordBatch ActiveSnapshotUnsynchronized(Schema schema)
    {
        var columns = new Column[_columns.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Builder.Snapshot();
        }

        return new RecordBatch(schema, columns, _activeRows);
    }

    /// <summary>Releases the lock taken by <see cref="BeginWrite"/>.</summary>
    internal void ExitWrite() => _lock.Exit();

    /// <summary>The column named by UTF-8 <paramref name="name"/>, or -1. Caller holds the lock.</summary>
    internal int FindColumnUnsynchronized(ReadOnlySpan<byte> name)
    {
        int maxChars = Encoding.UTF8.GetMaxCharCount(name.Length);
        char[]? rented = null;
        Span<char> chars = maxChars <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(maxChars));
        int count = Encoding.UTF8.GetChars(name, chars);
        bool found = _byNameSpan.TryGetValue(chars[..count], out int index);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return found ? index : -1;
    }

    /// <summary>Column <paramref name="index"/>. Caller holds the lock.</summary>
    internal ColumnState ColumnUnsynchronized(int index) => _columns[index];

    /// <summary>Number of columns. Caller holds the lock.</summary>
    internal int ColumnCountUnsynchronized => _columns.Count;

    /// <summary>Rows in the active chunk. Caller holds the lock.</summary>
    internal int ActiveRowsUnsynchronized => _activeRows;

    /// <summary>Adds a column, null for every row already in the active chunk. Caller holds the lock.</summary>
    internal int AddColumnUnsynchronized(string name, DataType type, ColumnRole role)
    {
        ColumnBuilder builder = ColumnBuilder.Create(type, RecordBatch.MaxRows, dictionary: role == ColumnRole.Tag);
        builder.AppendNulls(_activeRows);
        int index = _columns.Count;
        _columns.Add(new ColumnState(name, type, role, builder));
        _byName.Add(name, index);
        _schema = null;
        _activeSnapshot = null;
        return index;
    }

    /// <summary>Completes a row of time <paramref name="time"/>: nulls for columns it did not set; freezes the chunk when full. Caller holds the lock.</summary>
    internal void EndRowUnsynchronized(long time)
    {
        NoteRowUnsynchronized(time);
        _activeSnapshot = null;
        int row = _activeRows;
        foreach (ColumnState column in _columns)
        {
            if (column.Builder.Length == row)
            {
                column.Builder.AppendNull();
            }
        }

        _activeRows = row + 1;
        if (_activeRows == RecordBatch.MaxRows)
        {
            FreezeUnsynchronized();
        }
    }

    /// <summary>Turns the active chunk into an immutable batch. Caller holds the lock.</summary>
    private void FreezeUnsynchronized()
    {
        Schema schema = SchemaUnsynchronized();
        var columns = new Column[_columns.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Builder.Build();
        }

        var batch = new RecordBatch(schema, columns, _activeRows);
        _frozen.Add(batch);
        NoteTagDistinctUnsynchronized(ref _liveTagDistinct, batch);
        _activeRows = 0;
        _activeSnapshot = null;
    }

    /// <summary>The schema, rebuilt if a column was added. Caller holds the lock.</summary>
    private Schema SchemaUnsynchronized()
    {
        if (_schema is null)
        {
            var fields = new Field[_columns.Count];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = new Field(_columns[i].Name, _columns[i].Type, _columns[i].Role);
            }

            _schema = new Schema(fields);
        }

        return _schema;
    }

    /// <summary>A column's definition and its builder for the active chunk.</summary>
    internal sealed record ColumnState(string Name, DataType Type, ColumnRole Role, ColumnBuilder Builder);
}
