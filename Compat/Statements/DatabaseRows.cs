using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Compat.Statements;

/// <summary>
/// SHOW DATABASES: each database's name and retention period (PostgreSQL interval text such as
/// "30 days"; NULL when the database keeps data forever), by name.
/// </summary>
internal static class DatabaseRows
{
    /// <summary>The result.</summary>
    public static QueryResult Build(WriteBuffer storage)
    {
        IReadOnlyList<string> names = storage.DatabaseNames;
        var nameColumn = new StringColumnBuilder(names.Count);
        var retentionColumn = new StringColumnBuilder(names.Count);
        foreach (string name in names)
        {
            nameColumn.Append(name);
            if (storage.TryGetDatabase(name, out DatabaseBuffer? database) && database.RetentionPeriod is { } period)
            {
                long days = period.Ticks / TimeSpan.TicksPerDay;
                long ns = (period.Ticks % TimeSpan.TicksPerDay) * 100;
                retentionColumn.Append(ValueText.FormatInterval(new Interval(0, (int)days, ns)));
            }
            else
            {
                retentionColumn.AppendNull();
            }
        }

        var fields = new Field[] { new("database_name", DataType.Utf8), new("retention_period", DataType.Utf8) };
        var batch = new RecordBatch(new Schema(fields), [nameColumn.Build(), retentionColumn.Build()], names.Count);
        return new QueryResult(
            [new ResultColumn("database_name", DataType.Utf8), new ResultColumn("retention_period", DataType.Utf8)],
            [batch],
            "SHOW",
            appendRowCount: false);
    }
}
