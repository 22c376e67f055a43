using BenchmarkDotNet.Attributes;
using IOx.Pg.Executor.Operators;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Logical;
using IOx.Pg.Planner.Physical;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>
/// Planning time of TSBS single-groupby-1-1-1 over 100 hosts' cpu rows in the write buffer, for
/// several table sizes (hours of data: 24 h is 864,000 rows in 106 batches): bind + optimize +
/// physical set-up without running the plan, and EXPLAIN ANALYZE end to end (which also prices the
/// plan). Planning should not grow with the hours. <c>plantime</c> gives the per-phase breakdown.
/// In process through Program's job (no [InProcess] here: it would add a second, identical job).
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    /// <summary>The engine over the generated data.</summary>
    private QueryEngine _engine = null!;

    /// <summary>A session on the bench database.</summary>
    private Session _session = null!;

    /// <summary>The parsed query.</summary>
    private SelectStatement _select = null!;

    /// <summary>The parsed EXPLAIN ANALYZE of the query.</summary>
    private Statement _explain = null!;

    /// <summary>Hours of data for 100 hosts.</summary>
    [Params(6, 24, 96)]
    public int Hours { get; set; } = 24;

    /// <summary>Loads the data and parses the statements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (WriteBuffer buffer, _) = TsbsBuffer.Load(100, Hours);
        _engine = new QueryEngine(buffer);
        _session = new Session("benchmark", "bench");
        _select = (SelectStatement)_engine.Parse(PlanTimeCommand.Query)[0];
        _explain = _engine.Parse("EXPLAIN ANALYZE " + PlanTimeCommand.Query)[0];
    }

    /// <summary>Binds, optimizes and builds the operator tree (not run).</summary>
    [Benchmark]
    public Operator Plan()
    {
        _engine.Plan(_select, _session, out LogicalPlan plan);
        return PhysicalPlanner.Build(plan);
    }

    /// <summary>EXPLAIN ANALYZE: planning, costs, execution, the plan text.</summary>
    [Benchmark]
    public int ExplainAnalyze()
    {
        int lines = 0;
        foreach (RecordBatch batch in _engine.Execute(_explain, _session, CancellationToken.None).Batches)
        {
            lines += batch.RowCount;
        }

        return lines;
    }
}
