using BenchmarkDotNet.Attributes;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// Window functions over the same 864,000 TSBS-style rows as <see cref="SqlQueryBenchmarks"/>
/// (whose data and query texts it reuses): the moving average (`avg(usage_user) OVER (PARTITION BY
/// hostname ORDER BY time ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)`) and the delta with lag,
/// every row returned. Filter `*WindowBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class WindowBenchmarks
{
    /// <summary>The engine, data and queries.</summary>
    private SqlQueryBenchmarks _queries = null!;

    /// <summary>Which query runs (a key of SqlQueryBenchmarks' queries).</summary>
    [Params("moving-average", "delta-lag")]
    public string Query { get; set; } = "moving-average";

    /// <summary>Generates the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _queries = new SqlQueryBenchmarks { Query = Query };
        _queries.Setup();
    }

    /// <summary>Parses, plans and runs the query, draining every batch; returns the row count.</summary>
    [Benchmark]
    public long Run() => _queries.Run();
}
