using System.Text;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>Concurrent appends share fsyncs, and every one is durable and in the log in sequence order.</summary>
public sealed class WalGroupCommitTests
{
    [Fact]
    public async Task ConcurrentAppendsShareFsyncs()
    {
        const int Threads = 8;
        const int PerThread = 250;
        using var directory = new TempWalDirectory();
        long fsyncs;
        using (WalWriter writer = directory.Open())
        {
            var waits = new Task[Threads];
            using var start = new Barrier(Threads);
            var threads = new Thread[Threads];
            for (int t = 0; t < Threads; t++)
            {
                int thread = t;
                threads[t] = new Thread(() =>
                {
                    var mine = new Task[PerThread];
                    start.SignalAndWait();
                    for (int i = 0; i < PerThread; i++)
                    {
                        mine[i] = writer.Append("db", 0, 0, thread, Encoding.UTF8.GetBytes($"m,t={thread} v={i} {i}"), out _);
                    }

                    waits[thread] = Task.WhenAll(mine);
                });
                threads[t].Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            await Task.WhenAll(waits);
            fsyncs = writer.FsyncCount;
        }

        Assert.InRange(fsyncs, 1, (Threads * PerThread) - 1);

        List<WalRecord> records = directory.Replay().Records;
        Assert.Equal(Threads * PerThread, records.Count);
        Assert.Equal(Enumerable.Range(1, Threads * PerThread).Select(i => (ulong)i), records.Select(r => r.Sequence));

        // Each thread's records are in its own call order.
        for (int t = 0; t < Threads; t++)
        {
            List<string> bodies = records.Where(r => r.ServerTime == t).Select(TempWalDirectory.Body).ToList();
            Assert.Equal(Enumerable.Range(0, PerThread).Select(i => $"m,t={t} v={i} {i}"), bodies);
        }
    }

    [Fact]
    public async Task ATaskCompletesOnlyOnceItsRecordIsOnDisk()
    {
        using var directory = new TempWalDirectory();
        using WalWriter writer = directory.Open();
        for (int i = 0; i < 20; i++)
        {
            await writer.Append("db", 0, 0, 0, Encoding.UTF8.GetBytes($"m v={i} {i}"), out ulong sequence);

            // Completed means written and fsynced: a replay now (while the writer runs) sees it.
            List<WalRecord> records = directory.Replay().Records;
            Assert.Equal(sequence, records[^1].Sequence);
        }
    }
}
