using System.Globalization;
using System.Text;

namespace IOx.Pg.Bench.Parser;

/// <summary>
/// A deterministic TSBS "cpu-only" style line-protocol body for the parser benchmarks: measurement
/// <c>cpu</c>, the 10 TSBS tags (hostname=host_N, region, datacenter, rack, os, arch, team,
/// service, service_version, service_environment), the 10 float usage fields as a random walk in
/// [0, 100] with two decimals, and nanosecond timestamps every 10 s, hosts interleaved per tick.
/// </summary>
public static class TsbsCpuBody
{
    /// <summary>Field keys in line order.</summary>
    private static readonly string[] s_fields =
    [
        "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice",
    ];

    /// <summary>Regions with their datacenters.</summary>
    private static readonly (string Region, string[] Datacenters)[] s_regions =
    [
        ("us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"]),
        ("us-west-2", ["us-west-2a", "us-west-2b", "us-west-2c"]),
        ("eu-west-1", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]),
        ("eu-central-1", ["eu-central-1a", "eu-central-1b"]),
        ("ap-southeast-1", ["ap-southeast-1a", "ap-southeast-1b"]),
        ("sa-east-1", ["sa-east-1a", "sa-east-1b", "sa-east-1c"]),
    ];

    /// <summary>Builds <paramref name="lines"/> lines from <paramref name="hosts"/> hosts (same seed, same bytes).</summary>
    public static byte[] Create(int lines = 10_000, int hosts = 100, int seed = 20160101)
    {
        var random = new Random(seed);
        var prefixes = new string[hosts];
        for (int h = 0; h < hosts; h++)
        {
            (string region, string[] datacenters) = s_regions[random.Next(s_regions.Length)];
            prefixes[h] = string.Create(CultureInfo.InvariantCulture,
                $"cpu,hostname=host_{h},region={region},datacenter={datacenters[random.Next(datacenters.Length)]},rack={random.Next(100)}," +
                $"os=Ubuntu{(random.Next(2) == 0 ? "16.04LTS" : "15.10")},arch={(random.Next(2) == 0 ? "x86" : "x64")},team={"SF NYC LON CHI".Split(' ')[random.Next(4)]}," +
                $"service={random.Next(20)},service_version={random.Next(2)},service_environment={"production staging test".Split(' ')[random.Next(3)]} ");
        }

        var state = new int[hosts * s_fields.Length];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = random.Next(10_001);
        }

        var body = new StringBuilder(lines * 330);
        long time = 1_451_606_400L * 1_000_000_000;
        for (int line = 0; line < lines; line++)
        {
            int h = line % hosts;
            if (h == 0 && line > 0)
            {
                time += 10_000_000_000;
            }

            body.Append(prefixes[h]);
            for (int f = 0; f < s_fields.Length; f++)
            {
                ref int v = ref state[(h * s_fields.Length) + f];
                v += random.Next(301) - 150;
                v = v < 0 ? -v : v > 10_000 ? 20_000 - v : v;
                if (f > 0)
                {
                    body.Append(',');
                }

                body.Append(s_fields[f]).Append('=').Append((v / 100).ToString(CultureInfo.InvariantCulture)).Append('.').Append((v % 100).ToString("00", CultureInfo.InvariantCulture));
            }

            body.Append(' ').Append(time.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
