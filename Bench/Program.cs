namespace IOx.Pg.Bench;

/// <summary>Benchmarks and the load tool.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => args.Length >= 0 ? 0 : 1;
}
