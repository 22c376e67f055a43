using System.Net;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Server.Hosting;

/// <summary>Configuration of one server process (from the command line).</summary>
public sealed class ServerOptions
{
    /// <summary>Directory for the server's files (WAL, catalog, object store); created when missing.</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary>Where the PostgreSQL wire protocol listens.</summary>
    public IPEndPoint PgListen { get; init; } = new(IPAddress.Loopback, 5432);

    /// <summary>Where the HTTP API (line-protocol writes, health) listens.</summary>
    public IPEndPoint HttpListen { get; init; } = new(IPAddress.Loopback, 8181);

    /// <summary>Largest accepted write request body, after decompression, in bytes.</summary>
    public long MaxWriteBodyBytes { get; init; } = 25_000_000;

    /// <summary>Longest the WAL flusher waits to gather a commit group before its fsync (0: no wait; groups form during the previous fsync).</summary>
    public TimeSpan WalFlushInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Size past which the WAL starts a new segment file.</summary>
    public long WalSegmentMaxBytes { get; init; } = WalOptions.DefaultSegmentMaxBytes;

    /// <summary>Persist the write buffer once its estimated size (rows × columns × 8 bytes) reaches this.</summary>
    public long PersistMaxBufferBytes { get; init; } = 512L << 20;

    /// <summary>Persist the write buffer once its oldest unpersisted row is this old.</summary>
    public TimeSpan PersistMaxAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Byte budget of decoded Parquet column chunks kept across queries (process-wide); 0 turns the cache off.</summary>
    public long ScanCacheBytes { get; init; } = 256L << 20;

    /// <summary>How often the background persister checks the two limits above.</summary>
    public TimeSpan PersistCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often background compaction looks for table partitions to merge (zero: never; VACUUM still compacts).</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Merge a partition once its newest small files number at least this many.</summary>
    public int CompactionMinFiles { get; init; } = 4;

    /// <summary>Files at or above this size count as compacted; merged output is split near it.</summary>
    public long CompactionTargetFileBytes { get; init; } = 100L << 20;

    /// <summary>
    /// How long a file replaced by compaction, expired by retention or left by DROP TABLE / DROP
    /// DATABASE stays in the object store after it stops being listed, so queries that already
    /// planned to read it finish; the sweeper deletes it afterwards.
    /// </summary>
    public TimeSpan FileGracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the background pass expires partitions past retention and deletes files past their grace period.</summary>
    public TimeSpan FileSweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The memory one query may keep (sorts, hash tables, windows, work tables) when its session sets no iox.query_memory_limit; past it the query fails with 53200.</summary>
    public long QueryMemoryLimit { get; init; } = IOx.Pg.Executor.Memory.QueryMemoryBudget.DefaultLimit;

    /// <summary>Retention of databases created by writes (null: forever); CREATE DATABASE sets its own.</summary>
    public TimeSpan? DefaultRetention { get; init; }

    /// <summary>Replay past corruption in the WAL (skipping the rest of the damaged segment) instead of refusing to start.</summary>
    public bool WalRecover { get; init; }

    /// <summary>How pgwire clients authenticate.</summary>
    public PgWire.PgAuthMethod PgAuthMethod { get; init; } = PgWire.PgAuthMethod.Trust;

    /// <summary>The login role created at start when a password method is used.</summary>
    public string PgUser { get; init; } = "postgres";

    /// <summary>That role's password (from a file or the environment, never the command line).</summary>
    public string? PgPassword { get; init; }

    /// <summary>Answer SSLRequest with TLS.</summary>
    public bool PgTls { get; init; }

    /// <summary>PEM certificate file for TLS; null: &lt;data-dir&gt;/tls/server.crt, generated self-signed on first start.</summary>
    public string? PgTlsCert { get; init; }

    /// <summary>Keep Parquet files in this S3 bucket; null: in &lt;data-dir&gt;/objects (the WAL and catalog stay local either way).</summary>
    public Storage.ObjectStore.S3ObjectStoreOptions? S3 { get; init; }

    /// <summary>PEM private key file for TLS; null: &lt;data-dir&gt;/tls/server.key.</summary>
    public string? PgTlsKey { get; init; }
}
