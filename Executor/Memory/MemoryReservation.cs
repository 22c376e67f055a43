namespace IOx.Pg.Executor.Memory;

/// <summary>
/// What one run of one operator has charged to its query's <see cref="QueryMemoryBudget"/>:
/// grown as the operator retains batches, released all at once when the run ends (dispose it
/// in the iterator's finally, so an error or an abandoned enumeration releases too).
/// Not thread-safe: one operator run owns it.
/// </summary>
public sealed class MemoryReservation : IDisposable
{
    /// <summary>The budget charged.</summary>
    private readonly QueryMemoryBudget _budget;

    /// <summary>The operator named in the 53200 detail.</summary>
    private readonly string _operatorName;

    /// <summary>Bytes this reservation holds; always what was charged and not released.</summary>
    private long _bytes;

    /// <summary>A reservation of nothing yet against <paramref name="budget"/> for <paramref name="operatorName"/>.</summary>
    public MemoryReservation(QueryMemoryBudget budget, string operatorName)
    {
        _budget = budget;
        _operatorName = operatorName;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => _bytes;

    /// <summary>Charges <paramref name="bytes"/> more; throws 53200 when the query's limit would be passed.</summary>
    public void Grow(long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        _budget.Charge(bytes, _operatorName);
        _bytes += bytes;
    }

    /// <summary>Charges what <paramref name="batch"/> retains.</summary>
    public void Grow(Storage.Arrow.RecordBatch batch) => Grow(BatchMemory.Of(batch));

    /// <summary>Charges or releases so the reservation holds exactly <paramref name="bytes"/> (for structures measured as a whole).</summary>
    public void Resize(long bytes)
    {
        if (bytes > _bytes)
        {
            Grow(bytes - _bytes);
        }
        else if (bytes < _bytes)
        {
            Shrink(_bytes - bytes);
        }
    }

    /// <summary>Releases <paramref name="bytes"/> (at most what is held).</summary>
    public void Shrink(long bytes)
    {
        long released = Math.Min(bytes, _bytes);
        if (released > 0)
        {
            _budget.Release(released);
            _bytes -= released;
        }
    }

    /// <summary>Releases everything held.</summary>
    public void Dispose() => Shrink(_bytes);
}
