using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// Passes its input through unchanged, noting in the scan's <see cref="LastPointReading"/> the
/// newest time per key of the rows it passes (the rows that survived every filter below), before
/// yielding them. The operators in between (filters, projections) are lazy and keep no batch
/// back, so when the scan asks whether it may skip an older group, every delivered row is noted.
/// </summary>
public sealed class LastPointRecordOperator : Operator
{
    /// <summary>The input (filters and projections over the scan that reads newest first).</summary>
    private readonly Operator _input;

    /// <summary>The state shared with the scan.</summary>
    private readonly LastPointReading _reading;

    /// <summary>Input column of the key, or -1 (no key: one group).</summary>
    private readonly int _key;

    /// <summary>Input column of time.</summary>
    private readonly int _time;

    /// <summary>Input columns a row needs non-null to count (the values selector/last aggregates above read).</summary>
    private readonly int[] _required;

    /// <summary>Creates the recorder over <paramref name="input"/>.</summary>
    public LastPointRecordOperator(Operator input, LastPointReading reading, int keyColumn, int timeColumn, int[] requiredColumns)
    {
        _input = input;
        _reading = reading;
        _key = keyColumn;
        _time = timeColumn;
        _required = requiredColumns;
    }

    /// <inheritdoc/>
    public override Schema Schema => _input.Schema;

    /// <inheritdoc/>
    public override IEnumerable<RecordBatch> Execute(CancellationToken cancellationToken)
    {
        var required = new Column[_required.Length];
        foreach (RecordBatch batch in _input.Execute(cancellationToken))
        {
            if (_reading.Active)
            {
                for (int i = 0; i < required.Length; i++)
                {
                    required[i] = batch.Column(_required[i]);
                }

                _reading.Record(_key < 0 ? null : batch.Column(_key), batch.Column(_time), required);
            }

            yield return batch;
        }
    }
}
