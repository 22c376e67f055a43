using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// The durability promise under SIGKILL: the real executable, persisting every few hundred
/// milliseconds with small WAL segments (so persists, catalog commits and WAL trims are always
/// under way), is killed at random moments 20 times while writers send batches. After each
/// restart every acknowledged batch is present exactly once (no row lost, none doubled by a
/// persist replayed twice), and every batch that was not acknowledged is wholly there or wholly
/// absent. Some batches rewrite earlier ones (same tags and times): deduplication keeps one row.
/// Background compaction runs every 150 ms on partitions of two or more small files, so kills also
/// land during merges and catalog swaps; a third client deletes whole acknowledged batches
/// (DELETE ... WHERE b = '...'): an acknowledged delete's batch is gone after every restart, a
/// delete cut off by the kill left its batch wholly there or wholly gone.
/// Seeded, so a failure names a reproducible schedule.
/// </summary>
public sealed partial class CrashTests : IDisposable
{
    /// <summary>Rows per batch (one HTTP request).</summary>
    private const int RowsPerBatch = 200;

    /// <summary>Kills.</summary>
    private const int Crashes = 20;

    /// <summary>The server's data directory, shared by every life.</summary>
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"ioxpg-crash-{Guid.NewGuid():N}");

    /// <summary>Batch ids the server acknowledged (204).</summary>
    private readonly HashSet<int> _acknowledged = [];

    /// <summary>Batch ids sent, acknowledged or not.</summary>
    private readonly HashSet<int> _sent = [];

    /// <summary>Batches whose DELETE was acknowledged (CommandComplete received).</summary>
    private readonly HashSet<int> _deleted = [];

    /// <summary>Batches whose DELETE was sent, acknowledged or not.</summary>
    private readonly HashSet<int> _deleteSent = [];

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task AcknowledgedWritesSurviveSigkillExactlyOnce()
    {
        var random = new Random(20261122);
        int nextBatch = 0;
        for (int life = 0; life <= Crashes; life++)
        {
            using Process server = Start(out IPEndPoint pg, out Uri http);
            try
            {
                await VerifyAsync(pg, life);
                if (life == Crashes)
                {
                    break;
                }

                // Two writers until the kill; the kill lands at a random moment.
                using var stop = new CancellationTokenSource();
                var writers = new Task[3];
                for (int w = 0; w < 2; w++)
                {
                    writers[w] = WriteUntilStoppedAsync(http, () => Interlocked.Increment(ref nextBatch) - 1, stop.Token);
                }

                writers[2] = DeleteUntilStoppedAsync(pg, new Random(random.Next()), stop.Token);

                await Task.Delay(random.Next(150, 1500));
                Assert.Equal(0, Kill(server.Id, 9));
                await server.WaitForExitAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill();
                }
            }
        }

        Assert.True(_acknowledged.Count > Crashes, $"only {_acknowledged.Count} batches were acknowledged: the test did not exercise writes");

        // The kills hit a server that was persisting: files were written and committed along the way.
        string objects = Path.Combine(_dataDir, "objects");
        Assert.True(Directory.Exists(objects) && Directory.EnumerateFiles(objects, "*.parquet", SearchOption.AllDirectories).Any(), "no Parquet file was persisted: the test did not exercise persistence");
        Assert.True(_deleted.Count > 0, "no DELETE was acknowledged: the test did not exercise deletes");
        using IOx.Pg.Storage.Catalog.Catalog catalog = IOx.Pg.Storage.Catalog.Catalog.Open(Path.Combine(_dataDir, "catalog.sqlite"));
        IOx.Pg.Storage.Catalog.CatalogTable table = catalog.ListTables("crash").Single();
        Assert.True(catalog.ListFiles(table.Id).Any(f => f.CompactionLevel > 0), "no compacted file is live: the test did not exercise compaction");
    }

    /// <summary>
    /// Deletes whole acknowledged batches that nothing rewrites (a rewrite sent after the delete would
    /// legitimately bring rows back) until stopped or the server dies.
    /// </summary>
    private async Task DeleteUntilStoppedAsync(IPEndPoint pg, Random random, CancellationToken stop)
    {
        try
        {
            await using var connection = new NpgsqlConnection($"Host={pg.Address};Port={pg.Port};Username=postgres;Database=crash;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=30;Command Timeout=120");
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(random.Next(20, 120), CancellationToken.None);
                int target = -1;
                lock (_sent)
                {
                    var candidates = _acknowledged.Where(b => b % 5 is 0 or 2 or 3 && !_deleteSent.Contains(b)).ToList();
                    if (candidates.Count > 0)
                    {
                        target = candidates[random.Next(candidates.Count)];
                        _deleteSent.Add(target);
                    }
                }

                if (target < 0)
                {
                    continue;
                }

                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(CancellationToken.None);
                }

                await using var command = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"DELETE FROM crash WHERE b = '{target}'"), connection);
                int removed = await command.ExecuteNonQueryAsync(CancellationToken.None);
                Assert.Equal(RowsPerBatch, removed);
                lock (_sent)
                {
                    _deleted.Add(target);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or IOException or System.Net.Sockets.SocketException or PostgresException { SqlState: "3D000" })
        {
            // The server died under the connection: the last delete may or may not have happened.
        }
    }

    /// <summary>Checks every batch: acknowledged ones have all their rows once; others all or none.</summary>
    private async Task VerifyAsync(IPEndPoint pg, int life)
    {
        var counts = new Dictionary<int, long>();
        await using (var connection = new NpgsqlConnection($"Host={pg.Address};Port={pg.Port};Username=postgres;Database=crash;Server Compatibility Mode=NoTypeLoading;Pooling=false;Timeout=30;Command Timeout=120"))
        {
            try
            {
                await connection.OpenAsync();
            }
            catch (PostgresException e) when (e.SqlState == "3D000" && _acknowledged.Count == 0)
            {
                return; // Nothing acknowledged yet, so the database may not exist.
            }

            await using var command = new NpgsqlCommand("SELECT b, count(*) FROM crash GROUP BY b", connection);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[int.Parse(reader.GetString(0), CultureInfo.InvariantCulture)] = reader.GetInt64(1);
            }
        }

        foreach (int batch in _sent)
        {
            long count = counts.GetValueOrDefault(Original(batch));
            Assert.True(count is 0 or RowsPerBatch, $"life {life}: batch {Original(batch)} has {count} rows (a batch is all or nothing, each row once)");
        }

        foreach (int batch in _deleted)
        {
            Assert.True(counts.GetValueOrDefault(batch) == 0, $"life {life}: batch {batch} was deleted (acknowledged) but {counts.GetValueOrDefault(batch)} of its rows are back after a crash");
        }

        foreach (int batch in _acknowledged)
        {
            if (_deleteSent.Contains(Original(batch)))
            {
                continue; // Deleted, or a delete cut off by the kill: all or nothing, checked above.
            }

            Assert.True(counts.GetValueOrDefault(Original(batch)) == RowsPerBatch, $"life {life}: acknowledged batch {batch} (rows of {Original(batch)}) is missing after a crash");
        }

        foreach (int original in counts.Keys)
        {
            Assert.True(_sent.Contains(original) || _sent.Contains(RewriteOf(original)), $"life {life}: batch {original} was never sent");
        }
    }

    /// <summary>Sends batches until stopped or the server dies; records which were sent and acknowledged.</summary>
    private async Task WriteUntilStoppedAsync(Uri http, Func<int> nextBatch, CancellationToken stop)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested)
        {
            int batch = nextBatch();
            lock (_sent)
            {
                _sent.Add(batch);
            }

            try
            {
                using var content = new ByteArrayContent(Body(batch));
                using HttpResponseMessage response = await client.PostAsync(new Uri(http, "/api/v2/write?bucket=crash&precision=ns"), content, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    lock (_sent)
                    {
                        _acknowledged.Add(batch);
                    }
                }
                else
                {
                    Assert.Fail($"batch {batch}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException)
            {
                return; // The server died under this request: not acknowledged.
            }
        }
    }

    /// <summary>
    /// The lines of batch <paramref name="batch"/>: every fifth batch rewrites the rows of the batch
    /// three before it (same tags and times, new values), so it adds no rows of its own.
    /// </summary>
    private static byte[] Body(int batch)
    {
        int original = Original(batch);
        var text = new StringBuilder(RowsPerBatch * 60);
        for (int row = 0; row < RowsPerBatch; row++)
        {
            long time = 1_700_000_000_000_000_000L + (original * 1_000_000L) + row;
            text.Append(CultureInfo.InvariantCulture, $"crash,b={original},r={row % 7} v={batch}i,w={row}.5 {time}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The batch whose rows <paramref name="batch"/> writes.</summary>
    private static int Original(int batch) => batch % 5 == 4 && batch >= 3 ? batch - 3 : batch;

    /// <summary>The rewrite batch of an original, if it is one.</summary>
    private static int RewriteOf(int original) => original + 3;

    /// <summary>Starts the executable on free ports over the shared data directory and waits for its ready line.</summary>
    private Process Start(out IPEndPoint pg, out Uri http)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "ioxpg.dll"), "serve", "--data-dir", _dataDir, "--pg-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0",
            "--persist-max-age", "200ms", "--wal-segment-max-bytes", "65536", "--compaction-interval", "150ms", "--compaction-min-files", "2",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string? line = process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            if (line is null)
            {
                Assert.Fail($"the server exited before it was ready: {output} {process.StandardError.ReadToEnd()}");
            }

            output.AppendLine(line);
            Match ready = ReadyLine().Match(line);
            if (ready.Success)
            {
                pg = IPEndPoint.Parse(ready.Groups["pg"].Value);
                http = new Uri($"http://{ready.Groups["http"].Value}");
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return process;
            }
        }
    }

    /// <summary>Sends a POSIX signal.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>The server's ready line with both bound addresses.</summary>
    [GeneratedRegex(@"IOx\.Pg ready: postgres wire on (?<pg>\S+), http on (?<http>\S+),")]
    private static partial Regex ReadyLine();
}
