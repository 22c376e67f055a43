namespace IOx.Pg.Bench.Load;

/// <summary><c>gen [--hosts N] [--hours H]</c>: writes the TSBS cpu-only data set as line protocol to stdout (for curl, or to compare with ../shared/bench).</summary>
public static class GenerateCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int hosts = 100;
        double hours = 1;
        if (!CommandOptions.TryParse(args, ["--hosts", "--hours"], out CommandOptions options))
        {
            return 2;
        }

        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);

        var generator = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using Stream stdout = Console.OpenStandardOutput();
        foreach ((byte[] body, _) in generator.Batches(10_000))
        {
            stdout.Write(body);
        }

        return 0;
    }
}
