using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// random() → double precision, uniform in [0, 1), a new value for every row (volatile: never
/// folded). Each query draws from its own generator seeded from the shared one, so concurrent
/// queries need no lock per row. setseed() is not built: PostgreSQL's repeatable sequences need
/// session state, and its void result has no type here yet.
/// </summary>
public sealed class RandomFunction : ScalarFunction
{
    /// <summary>This call's generator.</summary>
    private readonly Random _random = new(Random.Shared.Next());

    /// <inheritdoc/>
    public override string Name => "random";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Float64;

    /// <inheritdoc/>
    public override bool IsVolatile => true;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var values = new double[length];
        lock (_random)
        {
            for (int i = 0; i < length; i++)
            {
                values[i] = _random.NextDouble();
            }
        }

        return new PrimitiveColumn<double>(DataType.Float64, values, length);
    }
}
