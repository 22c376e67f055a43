using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>An accumulator of an aggregate with a second argument column: first/last's ordering key, string_agg's delimiter.</summary>
public interface ITwoArgumentAccumulator
{
    /// <summary>Adds the rows of <paramref name="input"/> with their <paramref name="second"/> argument to their groups.</summary>
    void Update(Column input, Column second, ReadOnlySpan<int> groupIds);
}
