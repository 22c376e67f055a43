using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// A set-returning function (unnest, generate_subscripts, generate_series): for each input row it
/// yields <see cref="CountOf"/> values. The ProjectSet operator asks every function of a select
/// list for its count, runs them in lock step to the longest, and asks each for its values by
/// (row, ordinal); an ordinal of -1 pads a shorter function with NULL (PostgreSQL 10+ semantics).
/// </summary>
public abstract class SetFunction
{
    /// <summary>The SQL name (also the output column name PostgreSQL gives a call).</summary>
    public abstract string Name { get; }

    /// <summary>The type of the values returned.</summary>
    public abstract DataType ReturnType { get; }

    /// <summary>When <see cref="ReturnType"/> is Struct, the fields of the records returned; otherwise null.</summary>
    public virtual IReadOnlyList<Field>? ReturnFields => null;

    /// <summary>How many values the call yields for <paramref name="row"/> of the argument columns.</summary>
    public abstract int CountOf(Column[] args, int row);

    /// <summary>
    /// The values for output rows: value <paramref name="ordinals"/>[i] of input row <paramref name="rows"/>[i],
    /// or NULL where the ordinal is -1 (always below the row's count otherwise).
    /// </summary>
    public abstract Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals);
}
