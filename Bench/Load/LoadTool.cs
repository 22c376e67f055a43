using System.Diagnostics;
using System.Net.Http.Headers;

namespace IOx.Pg.Bench.Load;

/// <summary>
/// The end-to-end ingest load tool: generates the TSBS cpu-only data set in memory, then posts it
/// as line protocol over HTTP with K keep-alive connections, and prints rows/s timed from the
/// first request to the last acknowledgement (the same measure ../shared/bench uses for InfluxDB).
/// </summary>
public static class LoadTool
{
    /// <summary>Runs the tool; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string url = "http://127.0.0.1:8181/api/v2/write?bucket=bench&precision=ns";
        int hosts = 100;
        double hours = 24;
        int connections = 4;
        int batch = 10_000;
        if (!CommandOptions.TryParse(args, ["--url", "--hosts", "--hours", "--connections", "--batch"], out CommandOptions options))
        {
            return 2;
        }

        url = options.Text("--url", url);
        hosts = options.Int("--hosts", hosts);
        hours = options.Double("--hours", hours);
        connections = options.Int("--connections", connections);
        batch = options.Int("--batch", batch);

        var generator = new CpuDataGenerator(hosts, hours, new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var batches = generator.Batches(batch).ToList();
        long bytes = batches.Sum(b => (long)b.Body.Length);
        Console.WriteLine($"load: {generator.Rows} rows ({bytes / 1e6:F1} MB) in {batches.Count} batches of <= {batch} lines, {connections} connections -> {url}");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        int next = -1;
        var stopwatch = Stopwatch.StartNew();
        var workers = new Task[connections];
        for (int k = 0; k < connections; k++)
        {
            workers[k] = Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches.Count)
                {
                    using var content = new ByteArrayContent(batches[index].Body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                    using HttpResponseMessage response = await client.PostAsync(url, content).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                        throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
                    }
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"load: {generator.Rows} rows in {seconds:F2} s = {generator.Rows / seconds:F0} rows/s ({bytes / 1e6 / seconds:F1} MB/s)");
        return 0;
    }
}
