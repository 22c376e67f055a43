using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Planner.Logical;

/// <summary>
/// Marks the input of a lastpoint-style query (<c>DISTINCT ON (tag) ... ORDER BY tag, time DESC</c>,
/// or an aggregation by one tag whose aggregates are all answered by a key's newest row), chosen by
/// the lastpoint rule. Passes its input through unchanged; physically, the scan below reads time
/// groups newest first and skips a group once every key it may hold has a newer delivered row, and
/// this node notes the rows delivered. Key, time and required columns are indices into the input.
/// </summary>
public sealed class LastPointNode(LogicalPlan input, int key, int time, IReadOnlyList<int> required) : LogicalPlan
{
    /// <summary>The input: filters and projections over one scan.</summary>
    public LogicalPlan Input { get; } = input;

    /// <summary>Input column of the key (a tag passed through from the scan), or -1: no GROUP BY, one group.</summary>
    public int Key { get; } = key;

    /// <summary>Input column of time (the scan's time column passed through).</summary>
    public int Time { get; } = time;

    /// <summary>Input columns a row needs non-null to satisfy the aggregates above (values of last/selector_last, which skip NULLs).</summary>
    public IReadOnlyList<int> Required { get; } = required;

    /// <inheritdoc/>
    public override Schema Schema => Input.Schema;

    /// <inheritdoc/>
    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <inheritdoc/>
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new LastPointNode(inputs[0], Key, Time, Required);

    /// <inheritdoc/>
    public override string Describe() => Key < 0
        ? $"LastPoint: time={Input.Schema[Time].Name}#{Time}"
        : $"LastPoint: key={Input.Schema[Key].Name}#{Key} time={Input.Schema[Time].Name}#{Time}";
}
