using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IOx.Pg.Bench.Load;

namespace IOx.Pg.Bench;

/// <summary>
/// Benchmarks: <c>load ...</c> runs the end-to-end ingest load tool against a running server;
/// <c>gen ...</c> writes the data set as line protocol to stdout; <c>plantime ...</c> times planning phases;
/// <c>persist ...</c> times
/// persisting it (docs/storage.md); <c>walreplay ...</c> times start-up WAL replay per GiB (docs/wal.md);
/// anything else goes to BenchmarkDotNet (e.g. <c>--filter '*LineProtocol*'</c>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadTool.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "gen")
        {
            return GenerateCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "persist")
        {
            return Persist.PersistCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "groupby")
        {
            return Sql.GroupByCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "plantime")
        {
            return Sql.PlanTimeCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "lastpoint")
        {
            return Persist.LastPointCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "compact")
        {
            return Persist.CompactCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "walreplay")
        {
            return Wal.WalReplayCommand.Run(args[1..]);
        }

        // In-process: BenchmarkDotNet's default toolchain looks for a project named after the
        // assembly (IOx.Pg.Bench.csproj), but our project files are named after their folders.
        IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
