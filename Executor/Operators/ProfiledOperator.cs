using System.Diagnostics;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators;

/// <summary>What EXPLAIN ANALYZE reports for one operator: rows and batches produced, runs, and time spent producing them (its inputs included).</summary>
public sealed class OperatorProfile
{
    /// <summary>Rows produced.</summary>
    public long Rows { get; internal set; }

    /// <summary>Batches produced.</summary>
    public long Batches { get; internal set; }

    /// <summary>Times the operator was run.</summary>
    public int Runs { get; internal set; }

    /// <summary>Stopwatch ticks spent in the operator and its inputs.</summary>
    public long ElapsedTicks { get; internal set; }

    /// <summary>Elapsed time in milliseconds.</summary>
    public double ElapsedMilliseconds => ElapsedTicks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// Wraps an operator to count what it produces and time each pull (one timestamp pair per batch,
/// so the cost is per batch, not per row). Built only for EXPLAIN ANALYZE.
/// </summary>
public sealed class ProfiledOperator(Operator inner, OperatorProfile profile) : Operator
{
    /// <inheritdoc/>
    public override Schema Schema => inner.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        profile.Runs++;
        using IEnumerator<RecordBatch> batches = inner.Execute(cancellationToken).GetEnumerator();
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            bool more = batches.MoveNext();
            profile.ElapsedTicks += Stopwatch.GetTimestamp() - start;
            if (!more)
            {
                yield break;
            }

            profile.Rows += batches.Current.RowCount;
            profile.Batches++;
            yield return batches.Current;
        }
    }
}
