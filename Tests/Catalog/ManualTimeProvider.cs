namespace IOx.Pg.Tests.Catalog;

/// <summary>A clock the test moves by hand, so grace periods can be crossed without waiting.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>The current time.</summary>
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
