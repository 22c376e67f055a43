using System.Numerics;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// Computes every row's window frame as a half-open range [Start[p], End[p]) of sorted positions,
/// clamped to its partition, End never before Start (an empty frame). For every frame PostgreSQL
/// accepts, both ends are non-decreasing within a partition, which is what lets the aggregates
/// slide (add at the end, drop at the start) instead of recomputing. RANGE offsets are found by a
/// two-pointer walk over the single ORDER BY key; rows whose key is NULL sort as below or above
/// every value (where NULLS FIRST / LAST put them), so a NULL row's offset bounds are its peers and
/// a value row's offset bounds never reach the NULLs except through UNBOUNDED, as in PostgreSQL.
/// </summary>
public static class WindowFrames
{
    /// <summary>The frame of every position.</summary>
    /// <param name="frame">The frame clause.</param>
    /// <param name="parts">Partition and peer boundaries.</param>
    /// <param name="order">Row index of each sorted position.</param>
    /// <param name="rangeKey">The single ORDER BY column (row space), needed for RANGE with an offset.</param>
    /// <param name="descending">Whether that key sorts descending.</param>
    /// <param name="nullsFirst">Whether its NULLs sort first.</param>
    public static (int[] Start, int[] End) Compute(WindowFrameSpec frame, WindowPartitions parts, int[] order, Column? rangeKey, bool descending, bool nullsFirst)
    {
        int n = parts.Count;
        var start = new int[n];
        var end = new int[n];
        if (n == 0)
        {
            return (start, end);
        }

        switch (frame.Units)
        {
            case FrameUnits.Rows:
                Rows(frame, parts, start, end);
                break;
            case FrameUnits.Groups:
                Groups(frame, parts, start, end);
                break;
            default:
                Range(frame, parts, order, rangeKey, descending, nullsFirst, start, end);
                break;
        }

        for (int p = 0; p < n; p++)
        {
            if (end[p] < start[p])
            {
                end[p] = start[p];
            }
        }

        return (start, end);
    }

    /// <summary>ROWS: offsets count positions.</summary>
    private static void Rows(WindowFrameSpec frame, WindowPartitions parts, int[] start, int[] end)
    {
        long so = RowOffset(frame.StartKind, frame.StartOffset, "starting");
        long eo = RowOffset(frame.EndKind, frame.EndOffset, "ending");
        for (int p = 0; p < start.Length; p++)
        {
            int ps = parts.PartitionStart[p];
            int pe = parts.PartitionEnd[p];
            start[p] = frame.StartKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.Preceding => (int)Math.Max(ps, p - so),
                FrameBoundKind.CurrentRow => p,
                FrameBoundKind.Following => (int)Math.Min(pe, p + so),
                _ => pe,
            };
            end[p] = frame.EndKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.Preceding => (int)Math.Clamp(p - eo + 1, ps, pe),
                FrameBoundKind.CurrentRow => p + 1,
                FrameBoundKind.Following => (int)Math.Min(pe, p + eo + 1),
                _ => pe,
            };
        }
    }

    /// <summary>GROUPS: offsets count peer groups.</summary>
    private static void Groups(WindowFrameSpec frame, WindowPartitions parts, int[] start, int[] end)
    {
        long so = RowOffset(frame.StartKind, frame.StartOffset, "starting");
        long eo = RowOffset(frame.EndKind, frame.EndOffset, "ending");
        int[] groupStart = parts.GroupStart;
        for (int p = 0; p < start.Length; p++)
        {
            int ps = parts.PartitionStart[p];
            int pe = parts.PartitionEnd[p];
            long g = parts.PeerGroup[p];
            long first = parts.PeerGroup[ps];
            long last = parts.PeerGroup[pe - 1];
            start[p] = frame.StartKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.Preceding => groupStart[Math.Max(first, g - so)],
                FrameBoundKind.CurrentRow => groupStart[g],
                FrameBoundKind.Following => g + so > last ? pe : groupStart[g + so],
                _ => pe,
            };
            end[p] = frame.EndKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.Preceding => g - eo < first ? ps : groupStart[g - eo + 1],
                FrameBoundKind.CurrentRow => groupStart[g + 1],
                FrameBoundKind.Following => groupStart[Math.Min(last, g + eo) + 1],
                _ => pe,
            };
        }
    }

    /// <summary>RANGE: CURRENT ROW means the peer group; offsets are value distances in the ORDER BY key.</summary>
    private static void Range(WindowFrameSpec frame, WindowPartitions parts, int[] order, Column? key, bool descending, bool nullsFirst, int[] start, int[] end)
    {
        for (int p = 0; p < start.Length; p++)
        {
            int ps = parts.PartitionStart[p];
            int pe = parts.PartitionEnd[p];
            start[p] = frame.StartKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.UnboundedFollowing => pe,
                _ => parts.PeerStart(p),
            };
            end[p] = frame.EndKind switch
            {
                FrameBoundKind.UnboundedPreceding => ps,
                FrameBoundKind.UnboundedFollowing => pe,
                _ => parts.PeerEnd(p),
            };
        }

        bool startOffset = frame.StartKind is FrameBoundKind.Preceding or FrameBoundKind.Following;
        bool endOffset = frame.EndKind is FrameBoundKind.Preceding or FrameBoundKind.Following;
        if (!startOffset && !endOffset)
        {
            return;
        }

        if (key is null)
        {
            throw new InvalidOperationException("RANGE with an offset needs its ORDER BY key");
        }

        ScalarValue so = RangeOffset(startOffset ? frame.StartOffset : null, "starting");
        ScalarValue eo = RangeOffset(endOffset ? frame.EndOffset : null, "ending");
        switch (key)
        {
            case PrimitiveColumn<double> or PrimitiveColumn<float>:
                RangeOffsets(frame, parts, Keys(key, order, descending, static (c, r) => c is PrimitiveColumn<double> d ? d.Buffer[r] : ((PrimitiveColumn<float>)c).Buffer[r]),
                    Nulls(key, order, nullsFirst), ToDouble(so), ToDouble(eo), start, end);
                break;
            case PrimitiveColumn<decimal> or PrimitiveColumn<ulong>:
                RangeOffsets(frame, parts, Keys(key, order, descending, static (c, r) => c is PrimitiveColumn<decimal> d ? d.Buffer[r] : ((PrimitiveColumn<ulong>)c).Buffer[r]),
                    Nulls(key, order, nullsFirst), ToDecimal(so), ToDecimal(eo), start, end);
                break;
            default:
                RangeOffsets(frame, parts, Keys(key, order, descending, IntegralKey), Nulls(key, order, nullsFirst), ToInt128(so), ToInt128(eo), start, end);
                break;
        }
    }

    /// <summary>An integer-like key as a 128-bit value: integers as themselves, timestamps in nanoseconds, dates in nanoseconds (to meet an interval offset).</summary>
    private static Int128 IntegralKey(Column column, int row) => column switch
    {
        PrimitiveColumn<long> c => c.Buffer[row],
        PrimitiveColumn<int> { Type: DataType.Date } c => (Int128)c.Buffer[row] * ValueText.NsPerDay,
        PrimitiveColumn<int> c => c.Buffer[row],
        PrimitiveColumn<short> c => c.Buffer[row],
        _ => throw new InvalidOperationException("RANGE offset on " + column.Type),
    };

    /// <summary>The key of every position, negated for DESC so the walk is always ascending (NULL rows hold zero; see <see cref="Nulls"/>).</summary>
    private static T[] Keys<T>(Column column, int[] order, bool descending, Func<Column, int, T> read)
        where T : INumber<T>
    {
        var keys = new T[order.Length];
        for (int p = 0; p < keys.Length; p++)
        {
            int row = order[p];
            if (column.IsValid(row))
            {
                T v = read(column, row);
                keys[p] = descending ? -v : v;
            }
        }

        return keys;
    }

    /// <summary>Per position: 0 for a value, -1 for a NULL sorted before the values, +1 for one after.</summary>
    private static sbyte[] Nulls(Column column, int[] order, bool nullsFirst)
    {
        var classes = new sbyte[order.Length];
        if (column.NullCount == 0)
        {
            return classes;
        }

        for (int p = 0; p < classes.Length; p++)
        {
            if (column.IsNull(order[p]))
            {
                classes[p] = (sbyte)(nullsFirst ? -1 : 1);
            }
        }

        return classes;
    }

    /// <summary>The offset bounds of RANGE over ascending (possibly negated) keys, two pointers per partition.</summary>
    private static void RangeOffsets<T>(WindowFrameSpec frame, WindowPartitions parts, T[] keys, sbyte[] classes, T so, T eo, int[] start, int[] end)
        where T : INumber<T>
    {
        bool doStart = frame.StartKind is FrameBoundKind.Preceding or FrameBoundKind.Following;
        bool doEnd = frame.EndKind is FrameBoundKind.Preceding or FrameBoundKind.Following;
        T sDelta = frame.StartKind == FrameBoundKind.Preceding ? -so : so;
        T eDelta = frame.EndKind == FrameBoundKind.Preceding ? -eo : eo;
        int sPointer = 0;
        int ePointer = 0;
        for (int p = 0; p < keys.Length; p++)
        {
            int ps = parts.PartitionStart[p];
            int pe = parts.PartitionEnd[p];
            if (p == ps)
            {
                sPointer = ps;
                ePointer = ps;
            }

            sbyte cls = classes[p];
            if (doStart)
            {
                // First position whose key is >= key + delta (a NULL row's target is its own NULL class).
                T target = cls == 0 ? Add(keys[p], sDelta) : T.Zero;
                while (sPointer < pe && Compare(classes[sPointer], keys[sPointer], cls, target) < 0)
                {
                    sPointer++;
                }

                start[p] = sPointer;
            }

            if (doEnd)
            {
                // One past the last position whose key is <= key + delta.
                T target = cls == 0 ? Add(keys[p], eDelta) : T.Zero;
                while (ePointer < pe && Compare(classes[ePointer], keys[ePointer], cls, target) <= 0)
                {
                    ePointer++;
                }

                end[p] = ePointer;
            }
        }
    }

    /// <summary>key + delta, saturating where the type would overflow (decimal).</summary>
    private static T Add<T>(T key, T delta)
        where T : INumber<T>
    {
        try
        {
            return key + delta;
        }
        catch (OverflowException)
        {
            return T.IsNegative(delta) ? T.CreateSaturating(decimal.MinValue) : T.CreateSaturating(decimal.MaxValue);
        }
    }

    /// <summary>Orders (class, key) pairs: NULL classes compare by class only.</summary>
    private static int Compare<T>(sbyte cls, T key, sbyte targetClass, T target)
        where T : INumber<T>
    {
        if (cls != targetClass)
        {
            return cls < targetClass ? -1 : 1;
        }

        return cls == 0 ? key.CompareTo(target) : 0;
    }

    /// <summary>A ROWS / GROUPS offset: 0 for bounds without one; NULL is 22004, negative 22013, as in PostgreSQL.</summary>
    private static long RowOffset(FrameBoundKind kind, ScalarValue? offset, string which)
    {
        if (kind is not (FrameBoundKind.Preceding or FrameBoundKind.Following))
        {
            return 0;
        }

        if (offset is null || offset.IsNull)
        {
            throw new SqlException(SqlState.NullValueNotAllowed, $"frame {which} offset must not be null");
        }

        long value = offset.AsInt64();
        if (value < 0)
        {
            throw new SqlException(SqlState.InvalidPrecedingOrFollowingSize, $"frame {which} offset must not be negative");
        }

        // No partition holds more than int.MaxValue rows: a larger offset means the same, and p ± offset cannot overflow.
        return Math.Min(value, int.MaxValue);
    }

    /// <summary>A RANGE offset (a zero placeholder for bounds without one); NULL is 22004, negative 22013.</summary>
    private static ScalarValue RangeOffset(ScalarValue? offset, string which)
    {
        if (offset is null)
        {
            return new ScalarValue(DataType.Int64, 0L);
        }

        if (offset.IsNull)
        {
            throw new SqlException(SqlState.NullValueNotAllowed, $"frame {which} offset must not be null");
        }

        bool negative = offset.Value switch
        {
            Interval i => i.Months < 0 || i.Days < 0 || i.Nanoseconds < 0,
            double d => d < 0,
            float f => f < 0,
            decimal m => m < 0,
            _ => offset.AsInt64() < 0,
        };
        if (negative)
        {
            throw new SqlException(SqlState.InvalidPrecedingOrFollowingSize, "invalid preceding or following size in window function");
        }

        return offset;
    }

    /// <summary>An interval offset in nanoseconds (a day is 24 hours: the binder only lets month-free intervals here).</summary>
    private static Int128 ToInt128(ScalarValue v) => v.Value is Interval i ? ((Int128)i.Days * ValueText.NsPerDay) + i.Nanoseconds : v.AsInt64();

    /// <summary>A float offset.</summary>
    private static double ToDouble(ScalarValue v) => v.Value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => v.AsInt64(),
    };

    /// <summary>A numeric offset.</summary>
    private static decimal ToDecimal(ScalarValue v) => v.Value switch
    {
        decimal m => m,
        ulong u => u,
        _ => v.AsInt64(),
    };
}
