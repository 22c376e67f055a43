using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// lastpoint early stop, shared by a scan and the <see cref="LastPointRecordOperator"/> above it
/// (under <c>DISTINCT ON (tag) ... ORDER BY tag, time DESC</c> or <c>max(time) ... GROUP BY tag</c>,
/// with any filters and projections in between).
///
/// The scan groups its sources (files, buffer parts) into sets of transitively overlapping time
/// ranges, exactly as it does to decide what to deduplicate, and reads the groups newest first,
/// each one read the ordinary way (as is, or merged). The recorder notes, per key, the newest time
/// of the rows that really reach the query above (after tombstones, deduplication and every
/// filter), and it does so before it asks for the next batch, so when the scan moves on to an older
/// group every row already delivered has been noted. Before an older group is read whole, only its
/// key column is read (a dictionary-encoded tag: cheap) to learn which keys it may hold; when every
/// one of them already has a delivered row strictly newer than the group's newest time (catalog
/// statistics: an upper bound), the group is skipped.
///
/// Why this is sound: a skipped row has a time below a delivered row of its key, so it can be
/// neither that key's first row in time-descending order nor its max(time); a key the group holds
/// that has no delivered row yet (unseen, or every row filtered away so far) keeps the group read.
/// Groups are disjoint in time, so no row of a skipped group shares an identity (tags, time) with a
/// delivered row and deduplication of what is read is unchanged; tied rows (same key and time) are
/// always in one group, read in the same order as without the shortcut.
///
/// Invariant the scan relies on: one run is drained or abandoned before the next starts (the
/// state is reset at the start of each run).
/// </summary>
public sealed class LastPointReading
{
    /// <summary>Most distinct keys a file's cached key set may hold; a file with more is read each time.</summary>
    private const int MaxCachedKeys = 100_000;

    /// <summary>
    /// Per file (immutable; the entry dies with the file object) and key column name: every key value
    /// the whole file holds, read with no time range, predicate or tombstone. A superset of the keys
    /// any read of the file delivers, so using it can only keep a file read, never skip one wrongly.
    /// </summary>
    private static readonly ConditionalWeakTable<PersistedFile, ConcurrentDictionary<string, FileKeys>> s_fileKeys = new();

    /// <summary>Scan output column of the key (a tag), or -1 for one group over all rows (an aggregate without GROUP BY).</summary>
    private readonly int _key;

    /// <summary>Newest delivered time per non-null key value.</summary>
    private readonly Dictionary<string, long> _best = new(StringComparer.Ordinal);

    /// <summary>Characters of the text key being looked up (UTF-8 decodes to at most one char per byte).</summary>
    private char[] _keyChars = new char[64];

    /// <summary>Newest delivered time for the NULL key, or long.MinValue.</summary>
    private long _nullBest = long.MinValue;

    /// <summary>Set when a key column of an unexpected type was recorded: nothing can be skipped then.</summary>
    private bool _unknown;

    /// <summary>Creates the hint for a scan whose output has the key at <paramref name="keyColumn"/> (-1: no key, one group).</summary>
    public LastPointReading(int keyColumn) => _key = keyColumn;

    /// <summary>The distinct key values of a whole file (<see cref="s_fileKeys"/>).</summary>
    private sealed record FileKeys(string[] Values, bool HasNull);

    /// <summary>Scan output column of the key.</summary>
    public int KeyColumn => _key;

    /// <summary>Whether the current run reads newest first (the recorder only needs to record then).</summary>
    public bool Active { get; private set; }

    /// <summary>Files skipped in the last run.</summary>
    public int FilesSkipped { get; private set; }

    /// <summary>Write-buffer parts (sealed, live) skipped in the last run.</summary>
    public int BufferPartsSkipped { get; private set; }

    /// <summary>Starts a run in which nothing is skipped (fewer than two time groups).</summary>
    internal void BeginPlainRun()
    {
        Reset();
        Active = false;
    }

    /// <summary>
    /// The sources in groups of transitively overlapping time ranges, newest group first; within a
    /// group the order the ordinary scan uses (min time, then write order). Null when there are
    /// fewer than two groups: nothing could be skipped.
    /// </summary>
    internal static List<List<ScanSource>>? NewestFirst(List<ScanSource> sources)
    {
        if (sources.Count < 2)
        {
            return null;
        }

        var sorted = new List<ScanSource>(sources);
        sorted.Sort(static (a, b) => a.MinTime != b.MinTime ? a.MinTime.CompareTo(b.MinTime) : a.WriteOrder.CompareTo(b.WriteOrder));
        var groups = new List<List<ScanSource>>();
        int start = 0;
        while (start < sorted.Count)
        {
            int end = start + 1;
            long groupMax = sorted[start].MaxTime;
            while (end < sorted.Count && sorted[end].MinTime <= groupMax)
            {
                groupMax = Math.Max(groupMax, sorted[end].MaxTime);
                end++;
            }

            groups.Add(sorted.GetRange(start, end - start));
            start = end;
        }

        if (groups.Count < 2)
        {
            return null;
        }

        groups.Reverse();
        return groups;
    }

    /// <summary>
    /// The groups (from <see cref="NewestFirst"/>) in that order, each read by <paramref name="readGroup"/>
    /// unless the key columns of its sources (read by <paramref name="readKeys"/>) show it cannot
    /// improve any key.
    /// </summary>
    /// <param name="groups">The groups, newest first.</param>
    /// <param name="readGroup">Reads one group as the ordinary scan would.</param>
    /// <param name="readKeys">Reads the key column of one source, with the scan's time range, predicates and tombstones.</param>
    /// <param name="keyName">The key column's name (the file key cache's key).</param>
    /// <param name="rawReads">Whether <paramref name="readKeys"/> reads files whole (no time range, predicate or tombstone), so what it returns may be cached.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    internal IEnumerable<RecordBatch> Read(List<List<ScanSource>> groups, Func<List<ScanSource>, IEnumerable<RecordBatch>> readGroup, Func<ScanSource, IEnumerable<RecordBatch>> readKeys, string keyName, bool rawReads, CancellationToken cancellationToken)
    {
        Reset();
        Active = true;
        for (int i = 0; i < groups.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<ScanSource> group = groups[i];
            if (i > 0 && CannotImprove(group, readKeys, keyName, rawReads))
            {
                foreach (ScanSource source in group)
                {
                    if (source.File is null)
                    {
                        BufferPartsSkipped++;
                    }
                    else
                    {
                        FilesSkipped++;
                    }
                }

                continue;
            }

            // Lazily: the recorder above notes each batch before the next one is asked for.
            foreach (RecordBatch batch in readGroup(group))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Whether no source of <paramref name="group"/> holds a key whose newest delivered row is not newer than the group's newest time.</summary>
    private bool CannotImprove(List<ScanSource> group, Func<ScanSource, IEnumerable<RecordBatch>> readKeys, string keyName, bool rawReads)
    {
        if (_unknown)
        {
            return false;
        }

        long groupMax = long.MinValue;
        foreach (ScanSource source in group)
        {
            groupMax = Math.Max(groupMax, source.MaxTime);
        }

        if (_key < 0)
        {
            // One group over every row (noted as the NULL key): no key column to read.
            return _nullBest > groupMax;
        }

        foreach (ScanSource source in group)
        {
            if (source.File is { } file)
            {
                // The whole file's key set first (cached, a superset): enough when it already shows every key answered.
                FileKeys? keys = CachedKeys(file, keyName);
                if (keys is null && rawReads)
                {
                    keys = CacheKeys(file, keyName, readKeys(source));
                }

                if (keys is not null && AllNewer(keys, groupMax))
                {
                    continue;
                }

                if (rawReads)
                {
                    return false;
                }
            }

            foreach (RecordBatch batch in readKeys(source))
            {
                if (!AllNewer(batch.Column(0), groupMax))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The cached key set of <paramref name="file"/>'s column <paramref name="keyName"/>, or null.</summary>
    private static FileKeys? CachedKeys(PersistedFile file, string keyName) =>
        s_fileKeys.TryGetValue(file, out ConcurrentDictionary<string, FileKeys>? columns) && columns.TryGetValue(keyName, out FileKeys? keys) ? keys : null;

    /// <summary>The distinct keys in <paramref name="batches"/> (a whole file's key column), cached unless there are too many.</summary>
    private static FileKeys CacheKeys(PersistedFile file, string keyName, IEnumerable<RecordBatch> batches)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        bool hasNull = false;
        foreach (RecordBatch batch in batches)
        {
            Column column = batch.Column(0);
            hasNull |= column.NullCount > 0;
            if (column is DictionaryColumn dictionary)
            {
                var used = new bool[dictionary.Dictionary.Length];
                ReadOnlySpan<int> indices = dictionary.Indices;
                for (int r = 0; r < indices.Length; r++)
                {
                    if (dictionary.IsValid(r))
                    {
                        used[indices[r]] = true;
                    }
                }

                for (int e = 0; e < used.Length; e++)
                {
                    if (used[e])
                    {
                        distinct.Add(dictionary.Dictionary.GetString(e));
                    }
                }
            }
            else if (column is StringColumn text)
            {
                for (int r = 0; r < text.Length; r++)
                {
                    if (text.IsValid(r))
                    {
                        distinct.Add(text.GetString(r));
                    }
                }
            }
        }

        var keys = new FileKeys([.. distinct], hasNull);
        if (distinct.Count <= MaxCachedKeys)
        {
            s_fileKeys.GetOrCreateValue(file).TryAdd(keyName, keys);
        }

        return keys;
    }

    /// <summary>Whether every key of a file's key set already has a delivered row newer than <paramref name="maxTime"/>.</summary>
    private bool AllNewer(FileKeys keys, long maxTime)
    {
        if (keys.HasNull && _nullBest <= maxTime)
        {
            return false;
        }

        foreach (string key in keys.Values)
        {
            if (!(_best.TryGetValue(key, out long best) && best > maxTime))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every key in <paramref name="keys"/> already has a delivered row newer than <paramref name="maxTime"/>.</summary>
    private bool AllNewer(Column keys, long maxTime)
    {
        if (keys.NullCount > 0 && _nullBest <= maxTime)
        {
            return false;
        }

        if (keys is DictionaryColumn dictionary)
        {
            // Only the entries rows use matter; each is looked up once per batch.
            var used = new bool[dictionary.Dictionary.Length];
            ReadOnlySpan<int> indices = dictionary.Indices;
            for (int r = 0; r < indices.Length; r++)
            {
                if (dictionary.IsValid(r))
                {
                    used[indices[r]] = true;
                }
            }

            for (int e = 0; e < used.Length; e++)
            {
                if (used[e] && !(_best.TryGetValue(dictionary.Dictionary.GetString(e), out long best) && best > maxTime))
                {
                    return false;
                }
            }

            return true;
        }

        if (keys is StringColumn text)
        {
            for (int r = 0; r < text.Length; r++)
            {
                if (text.IsValid(r) && !(_best.TryGetValue(text.GetString(r), out long best) && best > maxTime))
                {
                    return false;
                }
            }

            return true;
        }

        // A key of a type the recorder cannot read: never claim to know.
        return keys.Length == keys.NullCount;
    }

    /// <summary>
    /// Notes delivered rows: per key in <paramref name="keys"/> (null: no key, one group), the newest of <paramref name="times"/>
    /// over the rows where time and every column of <paramref name="required"/> are non-null (rows
    /// the aggregates above count; an aggregate that skips a NULL must not be satisfied by that row).
    /// </summary>
    public void Record(Column? keys, Column times, Column[] required)
    {
        if (keys is not (null or DictionaryColumn or StringColumn) || times is not PrimitiveColumn<long> timeColumn)
        {
            _unknown = true;
            return;
        }

        ReadOnlySpan<long> values = timeColumn.Values;
        if (keys is null)
        {
            // No key: one group, noted as the NULL key.
            for (int r = 0; r < timeColumn.Length; r++)
            {
                if (Counts(r, timeColumn, required))
                {
                    _nullBest = Math.Max(_nullBest, values[r]);
                }
            }

            return;
        }

        if (keys is DictionaryColumn dictionary)
        {
            // Newest time per dictionary entry first (int work per row), then one lookup per entry.
            var newest = new long[dictionary.Dictionary.Length];
            Array.Fill(newest, long.MinValue);
            ReadOnlySpan<int> indices = dictionary.Indices;
            for (int r = 0; r < indices.Length; r++)
            {
                if (!Counts(r, timeColumn, required))
                {
                    continue;
                }

                if (dictionary.IsValid(r))
                {
                    newest[indices[r]] = Math.Max(newest[indices[r]], values[r]);
                }
                else
                {
                    _nullBest = Math.Max(_nullBest, values[r]);
                }
            }

            for (int e = 0; e < newest.Length; e++)
            {
                if (newest[e] != long.MinValue)
                {
                    Raise(dictionary.Dictionary.GetString(e), newest[e]);
                }
            }

            return;
        }

        // Plain text keys (a tag after some projections): looked up by their decoded characters in a
        // reused buffer; a string is made only for a key not seen before.
        var text = (StringColumn)keys;
        Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> lookup = _best.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int r = 0; r < text.Length; r++)
        {
            if (!Counts(r, timeColumn, required))
            {
                continue;
            }

            if (text.IsValid(r))
            {
                ReadOnlySpan<byte> utf8 = text.GetBytes(r);
                if (_keyChars.Length < utf8.Length)
                {
                    _keyChars = new char[Math.Max(utf8.Length, _keyChars.Length * 2)];
                }

                ReadOnlySpan<char> key = _keyChars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _keyChars));
                if (!lookup.TryGetValue(key, out long best) || values[r] > best)
                {
                    lookup[key] = values[r];
                }
            }
            else
            {
                _nullBest = Math.Max(_nullBest, values[r]);
            }
        }
    }

    /// <summary>Whether row <paramref name="row"/> has a time and a value in every required column.</summary>
    private static bool Counts(int row, PrimitiveColumn<long> times, Column[] required)
    {
        if (times.NullCount > 0 && !times.IsValid(row))
        {
            return false;
        }

        foreach (Column column in required)
        {
            if (column.NullCount > 0 && !column.IsValid(row))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Raises the newest time of one key.</summary>
    private void Raise(string key, long time)
    {
        if (!_best.TryGetValue(key, out long best) || time > best)
        {
            _best[key] = time;
        }
    }

    /// <summary>Forgets what the previous run noted.</summary>
    private void Reset()
    {
        FilesSkipped = 0;
        BufferPartsSkipped = 0;
        _best.Clear();
        _nullBest = long.MinValue;
        _unknown = false;
    }
}
