using IOx.Pg.Storage.Persist;
using Microsoft.Extensions.Logging;

namespace IOx.Pg.Server.Hosting;

/// <summary>
/// Background compaction: every interval, runs one compaction pass over every table (merging
/// partitions with enough small files, rewriting those deletes still filter) and logs what it did.
/// A failed pass changes nothing visible (the catalog swap is all or nothing) and is retried next
/// interval.
/// </summary>
internal sealed class CompactionLoop : IAsyncDisposable
{
    /// <summary>Stops the loop.</summary>
    private readonly CancellationTokenSource _stop = new();

    /// <summary>The running loop.</summary>
    private readonly Task _loop;

    /// <summary>Starts the loop: <paramref name="pass"/> every <paramref name="interval"/>.</summary>
    public CompactionLoop(TimeSpan interval, Func<CancellationToken, Task<CompactionResult>> pass, ILogger log)
    {
        _loop = Task.Run(() => RunAsync(interval, pass, log, _stop.Token), CancellationToken.None);
    }

    /// <summary>The loop body.</summary>
    private static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task<CompactionResult>> pass, ILogger log, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    CompactionResult result = await pass(stop).ConfigureAwait(false);
                    if (result.Partitions > 0 || result.TombstonesDropped > 0)
                    {
                        log.LogInformation(
                            "compacted {Partitions} partitions: {FilesIn} files ({RowsIn} rows) into {FilesOut} files ({RowsOut} rows), {Tombstones} deletes made physical",
                            result.Partitions,
                            result.FilesIn,
                            result.RowsIn,
                            result.FilesOut,
                            result.RowsOut,
                            result.TombstonesDropped);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "compaction failed; the files stay as they are and the next pass retries");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the loop and waits for a pass in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
