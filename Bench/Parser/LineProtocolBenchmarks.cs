using BenchmarkDotNet.Attributes;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Parser;

/// <summary>
/// Line-protocol ingest on a 10,000-line TSBS cpu-only body: the parser alone, and parse + write
/// into a fresh write buffer (so the write's allocations are the stored columns themselves).
/// Throughput = <see cref="BodyBytes"/> / mean time. Run: <c>--filter '*LineProtocol*'</c>.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("LineProtocol")]
public class LineProtocolBenchmarks
{
    /// <summary>The body, built once.</summary>
    private byte[] _body = [];

    /// <summary>Parser working memory, reused as the server reuses it per thread.</summary>
    private readonly LineParserBuffers _buffers = new();

    /// <summary>Size of the body in bytes (printed at setup, for MB/s).</summary>
    public int BodyBytes => _body.Length;

    /// <summary>Builds the body.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // The first 10,000 lines of the TSBS cpu-only data set: 100 ticks of 100 hosts.
        _body = new Load.CpuDataGenerator(hosts: 100, hours: 100 * 10 / 3600.0, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero)).Batches(10_000).First().Body;
        Console.WriteLine($"// line protocol body: {_body.Length} bytes, 10000 lines");
    }

    /// <summary>Parses every line and touches every value (so nothing is skipped).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("LineProtocol", "Parse")]
    public double Parse()
    {
        var reader = new LineProtocolReader(_body, _buffers, TimestampPrecision.Nanosecond, 0);
        double sum = 0;
        while (true)
        {
            LineReadStatus status = reader.Read(out ParsedLine line, out _);
            if (status == LineReadStatus.EndOfInput)
            {
                return sum;
            }

            if (status == LineReadStatus.Line)
            {
                sum += line.TagValue(line.TagCount - 1).Length + line.Timestamp;
                for (int i = 0; i < line.FieldCount; i++)
                {
                    sum += line.FieldDouble(i);
                }
            }
        }
    }

    /// <summary>Parses and stores every line into a new database.</summary>
    [Benchmark]
    [BenchmarkCategory("LineProtocol", "ParseAndWrite")]
    public int ParseAndWrite()
    {
        var database = new DatabaseBuffer("bench");
        LineWriteResult result = LineProtocolWriter.Write(database, _body, new LineWriteOptions(TimestampPrecision.Nanosecond, 0), _buffers);
        return result.LinesWritten;
    }
}
