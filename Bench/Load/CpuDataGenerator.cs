using System.Text;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Server.Write;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Bench.Load;

/// <summary>
/// Deterministic TSBS "cpu-only" data as InfluxDB line protocol: N hosts with 10 tags each emit one
/// <c>cpu</c> row every 10 s from a start time, with 10 float fields following a random walk in
/// [0, 100] held in hundredths. It reproduces ../shared/bench's generator (same PRNG, same walk,
/// same tag picks), so a data set written by the load tool equals the one the anchors are measured on.
/// </summary>
public sealed class CpuDataGenerator
{
    /// <summary>Tag keys in line order.</summary>
    public static readonly string[] TagKeys =
    [
        "hostname", "region", "datacenter", "rack", "os", "arch", "team",
        "service", "service_version", "service_environment",
    ];

    /// <summary>Field keys in line order.</summary>
    public static readonly string[] FieldKeys =
    [
        "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice",
    ];

    /// <summary>"key=" of each field, UTF-8.</summary>
    private static readonly byte[][] s_fieldPrefixes = Array.ConvertAll(FieldKeys, static k => Encoding.ASCII.GetBytes(k + "="));

    /// <summary>Seconds between a host's rows.</summary>
    public const int IntervalSeconds = 10;

    /// <summary>The shared bench's default seed.</summary>
    public const int DefaultSeed = 20160101;

    /// <summary>Regions and their datacenters.</summary>
    private static readonly (string Region, string[] Datacenters)[] s_regions =
    [
        ("us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"]),
        ("us-west-1", ["us-west-1a", "us-west-1b"]),
        ("us-west-2", ["us-west-2a", "us-west-2b", "us-west-2c"]),
        ("eu-west-1", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]),
        ("eu-central-1", ["eu-central-1a", "eu-central-1b"]),
        ("ap-southeast-1", ["ap-southeast-1a", "ap-southeast-1b"]),
        ("ap-southeast-2", ["ap-southeast-2a", "ap-southeast-2b"]),
        ("ap-northeast-1", ["ap-northeast-1a", "ap-northeast-1c"]),
        ("sa-east-1", ["sa-east-1a", "sa-east-1b", "sa-east-1c"]),
    ];

    /// <summary>Operating systems.</summary>
    private static readonly string[] s_oses = ["Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"];

    /// <summary>Architectures.</summary>
    private static readonly string[] s_arches = ["x86", "x64"];

    /// <summary>Teams.</summary>
    private static readonly string[] s_teams = ["SF", "NYC", "LON", "CHI"];

    /// <summary>Service environments.</summary>
    private static readonly string[] s_envs = ["production", "staging", "test"];

    /// <summary>"measurement,tags " prefix of each host's lines, UTF-8.</summary>
    private readonly byte[][] _prefixes;

    /// <summary>Creates a generator for <paramref name="hosts"/> hosts over <paramref name="hours"/> hours from <paramref name="start"/>.</summary>
    public CpuDataGenerator(int hosts, double hours, DateTimeOffset start, int seed = DefaultSeed)
    {
        Hosts = hosts;
        Seed = seed;
        StartSeconds = start.ToUnixTimeSeconds();
        Ticks = (int)Math.Round(hours * 3600 / IntervalSeconds);
        _prefixes = BuildPrefixes(hosts, seed);
    }

    /// <summary>Number of hosts.</summary>
    public int Hosts { get; }

    /// <summary>The seed of the value walk.</summary>
    public int Seed { get; }

    /// <summary>Epoch seconds of the first tick.</summary>
    public long StartSeconds { get; }

    /// <summary>Number of ticks (rows per host).</summary>
    public int Ticks { get; }

    /// <summary>Total rows.</summary>
    public long Rows => (long)Ticks * Hosts;

    /// <summary>
    /// Writes the whole data set into <paramref name="database"/> as the HTTP write path does
    /// (10,000-line batches, nanosecond precision); returns the lines and line-protocol bytes written.
    /// </summary>
    public (long Lines, long Bytes) WriteTo(DatabaseBuffer database)
    {
        var parserBuffers = new LineParserBuffers();
        long lines = 0;
        long bytes = 0;
        foreach ((byte[] body, _) in Batches(10_000))
        {
            lines += LineProtocolWriter.Write(database, body, new LineWriteOptions(TimestampPrecision.Nanosecond, 0), parserBuffers).LinesWritten;
            bytes += body.Length;
        }

        return (lines, bytes);
    }

    /// <summary>
    /// The data as line-protocol bodies of at most <paramref name="linesPerBatch"/> lines each, in
    /// time-major order (every host for tick 0, then tick 1, ...), like TSBS.
    /// </summary>
    public IEnumerable<(byte[] Body, int Lines)> Batches(int linesPerBatch)
    {
        int fields = FieldKeys.Length;
        var rng = new Mulberry32((uint)Seed);
        var state = new int[Hosts * fields];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = (int)(rng.Next() % 10001);
        }

        var body = new MemoryStream(linesPerBatch * 300);
        var number = new byte[32];
        int lines = 0;
        for (int t = 0; t < Ticks; t++)
        {
            for (int i = 0; i < state.Length; i++)
            {
                int v = state[i] + (int)(rng.Next() % 301) - 150;
                v = v < 0 ? -v : v > 10000 ? 20000 - v : v;
                state[i] = v;
            }

            long seconds = StartSeconds + ((long)t * IntervalSeconds);
            for (int h = 0; h < Hosts; h++)
            {
                body.Write(_prefixes[h]);
                for (int f = 0; f < fields; f++)
                {
                    if (f > 0)
                    {
                        body.WriteByte((byte)',');
                    }

                    body.Write(s_fieldPrefixes[f]);
                    int hundredths = state[(h * fields) + f];
                    int cents = hundredths % 100;
                    WriteInt(body, hundredths / 100, number);
                    body.WriteByte((byte)'.');
                    body.WriteByte((byte)('0' + (cents / 10)));
                    body.WriteByte((byte)('0' + (cents % 10)));
                }

                body.WriteByte((byte)' ');
                WriteInt(body, seconds, number);
                body.Write("000000000\n"u8);
                if (++lines == linesPerBatch)
                {
                    yield return (body.ToArray(), lines);
                    body.SetLength(0);
                    lines = 0;
                }
            }
        }

        if (lines > 0)
        {
            yield return (body.ToArray(), lines);
        }
    }

    /// <summary>Writes a non-negative integer in decimal.</summary>
    private static void WriteInt(MemoryStream stream, long value, Span<byte> scratch)
    {
        value.TryFormat(scratch, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        stream.Write(scratch[..written]);
    }

    /// <summary>Each host's "cpu,tag=value,... " prefix, with the tag picks of the shared generator.</summary>
    private static byte[][] BuildPrefixes(int hosts, int seed)
    {
        var rng = new Mulberry32((uint)seed ^ 0x5bd1e995u);
        var prefixes = new byte[hosts][];
        for (int h = 0; h < hosts; h++)
        {
            var (region, datacenters) = s_regions[rng.Next() % (uint)s_regions.Length];
            string[] values =
            [
                $"host_{h}",
                region,
                datacenters[rng.Next() % (uint)datacenters.Length],
                (rng.Next() % 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                s_oses[rng.Next() % (uint)s_oses.Length],
                s_arches[rng.Next() % (uint)s_arches.Length],
                s_teams[rng.Next() % (uint)s_teams.Length],
                (rng.Next() % 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (rng.Next() % 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                s_envs[rng.Next() % (uint)s_envs.Length],
            ];
            var line = new StringBuilder("cpu");
            for (int k = 0; k < TagKeys.Length; k++)
            {
                line.Append(',').Append(TagKeys[k]).Append('=').Append(values[k]);
            }

            line.Append(' ');
            prefixes[h] = Encoding.ASCII.GetBytes(line.ToString());
        }

        return prefixes;
    }

    /// <summary>The mulberry32 PRNG, bit for bit as the shared bench's JavaScript computes it.</summary>
    private struct Mulberry32
    {
        /// <summary>The generator state.</summary>
        private uint _state;

        /// <summary>Seeds the generator.</summary>
        public Mulberry32(uint seed) => _state = seed;

        /// <summary>The next 32-bit value.</summary>
        public uint Next()
        {
            _state += 0x6d2b79f5u;
            uint t = _state;
            t = (t ^ (t >> 15)) * (t | 1u);
            t ^= t + ((t ^ (t >> 7)) * (t | 61u));
            return t ^ (t >> 14);
        }
    }
}
