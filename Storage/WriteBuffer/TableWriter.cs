using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>What <see cref="TableWriter.CheckColumn"/> found for a column a line wants to write.</summary>
public enum ColumnCheck
{
    /// <summary>The column exists with this type and role, or does not exist yet.</summary>
    Ok,
    /// <summary>The column exists with another type.</summary>
    TypeConflict,
    /// <summary>The column exists as a tag and the line writes a field of that name, or the other way round, or it is <c>time</c>.</summary>
    RoleConflict,
}

/// <summary>
/// Appends rows to a <see cref="TableBuffer"/> while holding its lock; dispose to release it.
/// A row is <see cref="BeginRow"/>, one Append per tag and field (each name at most once), then
/// <see cref="EndRow"/>. Check every column of a line with <see cref="CheckColumn"/> before
/// beginning its row: a line that fails a check must not be appended at all, so that a rejected
/// line leaves nothing behind.
/// </summary>
public ref struct TableWriter
{
    /// <summary>The table whose lock this writer holds.</summary>
    private readonly TableBuffer _table;

    /// <summary>Whether the lock is still held.</summary>
    private bool _open;

    /// <summary>Whether a row has begun and not ended.</summary>
    private bool _inRow;

    /// <summary>Wraps a table whose lock the caller has just taken.</summary>
    internal TableWriter(TableBuffer table)
    {
        _table = table;
        _open = true;
        _inRow = false;
    }

    /// <summary>Whether a column named <paramref name="name"/> may take a value of <paramref name="type"/> in role <paramref name="role"/>.</summary>
    public readonly ColumnCheck CheckColumn(ReadOnlySpan<byte> name, DataType type, ColumnRole role) =>
        CheckColumn(name, type, role, out _);

    /// <summary>As <see cref="CheckColumn(ReadOnlySpan{byte}, DataType, ColumnRole)"/>, also giving the existing column's type.</summary>
    public readonly ColumnCheck CheckColumn(ReadOnlySpan<byte> name, DataType type, ColumnRole role, out DataType existingType)
    {
        int index = _table.FindColumnUnsynchronized(name);
        if (index < 0)
        {
            existingType = type;
            return ColumnCheck.Ok;
        }

        TableBuffer.ColumnState column = _table.ColumnUnsynchronized(index);
        existingType = column.Type;
        if (column.Role != role)
        {
            return ColumnCheck.RoleConflict;
        }

        return column.Type == type ? ColumnCheck.Ok : ColumnCheck.TypeConflict;
    }

    /// <summary>Starts a row.</summary>
    public void BeginRow()
    {
        if (_inRow)
        {
            throw new InvalidOperationException("row already begun");
        }

        _inRow = true;
        _table.BeginRowUnsynchronized();
    }

    /// <summary>Sets a tag of the current row.</summary>
    public readonly void AppendTag(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        ((DictionaryColumnBuilder)Resolve(name, DataType.Utf8, ColumnRole.Tag, out int index)).Append(value);
        _table.MixTagUnsynchronized(index, value);
    }

    /// <summary>Sets a float field of the current row.</summary>
    public readonly void AppendDouble(ReadOnlySpan<byte> name, double value) =>
        ((PrimitiveColumnBuilder<double>)Resolve(name, DataType.Float64, ColumnRole.Field)).Append(value);

    /// <summary>Sets an integer field of the current row.</summary>
    public readonly void AppendInt64(ReadOnlySpan<byte> name, long value) =>
        ((PrimitiveColumnBuilder<long>)Resolve(name, DataType.Int64, ColumnRole.Field)).Append(value);

    /// <summary>Sets an unsigned integer field of the current row.</summary>
    public readonly void AppendUInt64(ReadOnlySpan<byte> name, ulong value) =>
        ((PrimitiveColumnBuilder<ulong>)Resolve(name, DataType.UInt64, ColumnRole.Field)).Append(value);

    /// <summary>Sets a boolean field of the current row.</summary>
    public readonly void AppendBoolean(ReadOnlySpan<byte> name, bool value) =>
        ((BooleanColumnBuilder)Resolve(name, DataType.Boolean, ColumnRole.Field)).Append(value);

    /// <summary>Sets a string field (UTF-8, already unescaped) of the current row.</summary>
    public readonly void AppendString(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        ((StringColumnBuilder)Resolve(name, DataType.Utf8, ColumnRole.Field)).Append(value);

    /// <summary>Ends the current row with its time in nanoseconds since the epoch (UTC).</summary>
    public void EndRow(long timeNanoseconds)
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("no row begun");
        }

        ((PrimitiveColumnBuilder<long>)_table.ColumnUnsynchronized(0).Builder).Append(timeNanoseconds);
        _table.EndRowUnsynchronized(timeNanoseconds);
        _inRow = false;
    }

    /// <summary>Releases the table lock. A row begun and not ended is a caller bug and throws.</summary>
    public void Dispose()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        bool unfinished = _inRow;
        _table.ExitWrite();
        if (unfinished)
        {
            throw new InvalidOperationException("writer disposed inside a row");
        }
    }

    /// <summary>The builder for a column of the current row, created when new; throws if set twice or on conflict.</summary>
    private readonly ColumnBuilder Resolve(ReadOnlySpan<byte> name, DataType type, ColumnRole role) => Resolve(name, type, role, out _);

    /// <summary>As <see cref="Resolve(ReadOnlySpan{byte}, DataType, ColumnRole)"/>, also giving the column's index.</summary>
    private readonly ColumnBuilder Resolve(ReadOnlySpan<byte> name, DataType type, ColumnRole role, out int columnIndex)
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("no row begun");
        }

        int index = _table.FindColumnUnsynchronized(name);
        if (index < 0)
        {
            index = _table.AddColumnUnsynchronized(Encoding.UTF8.GetString(name), type, role);
        }

        columnIndex = index;
        TableBuffer.ColumnState column = _table.ColumnUnsynchronized(index);
        if (column.Type != type || column.Role != role)
        {
            throw new InvalidOperationException($"column {column.Name} is {column.Role} {column.Type}; check lines before appending");
        }

        if (column.Builder.Length != _table.ActiveRowsUnsynchronized)
        {
            throw new InvalidOperationException($"column {column.Name} set twice in one row");
        }

        return column.Builder;
    }
}
