namespace IOx.Pg.Executor.Operators;

/// <summary>An operator that can say what its last run did beyond rows and time (EXPLAIN ANALYZE prints it).</summary>
public interface IReportsStatistics
{
    /// <summary>The counters of the last run as "name=value" pairs separated by spaces.</summary>
    string DescribeStatistics();
}
