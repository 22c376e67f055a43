using IOx.Pg.Bench.Load;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Sql;

/// <summary>A write buffer holding TSBS cpu-only rows (the shared bench's generator) in database "benchmark", table cpu.</summary>
public static class TsbsBuffer
{
    /// <summary>Writes <paramref name="hosts"/> hosts × <paramref name="hours"/> hours of rows from 2016-01-01 through the line-protocol write path; returns the buffer and the rows written.</summary>
    public static (WriteBuffer Buffer, long Rows) Load(int hosts, double hours)
    {
        var buffer = new WriteBuffer();
        DatabaseBuffer database = buffer.GetOrCreateDatabase("benchmark");
        (long lines, _) = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero)).WriteTo(database);
        return (buffer, lines);
    }
}
