using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Executor.Operators.Scan;

/// <summary>
/// lastpoint early stop for a scan under <c>DISTINCT ON (tag) ... ORDER BY tag, time DESC</c> with
/// nothing filtering in between: files are read newest first, and before an older file is read
/// whole, only its key column is read (a dictionary-encoded tag: cheap) to learn exactly which
/// groups it holds; when every one of them already has a row newer than the file's newest time
/// (catalog statistics), no row of the file can be the first of its group and the file is skipped.
/// The comparison is strict, so a skipped row never ties with a kept one, and a skipped row can
/// share an identity (tags, time) with no row that is kept, so skipping never changes a merge
/// that matters. Applies only when every source is a persisted file, no two overlap in time (each
/// is read on its own, no deduplication across them) and the table has no deletes (a tombstone
/// could hide the newer row that made an older file skippable); otherwise the scan reads as usual.
/// </summary>
public sealed class LastPointReading
{
    /// <summary>Output column of the DISTINCT ON key (a tag).</summary>
    private readonly int _key;

    /// <summary>Output column of time.</summary>
    private readonly int _time;

    /// <summary>Newest time seen per key value (null key separately).</summary>
    private readonly Dictionary<string, long> _best = new(StringComparer.Ordinal);

    /// <summary>Newest time seen for the NULL key, or long.MinValue.</summary>
    private long _nullBest = long.MinValue;

    /// <summary>Creates the hint for a scan whose output has the key at <paramref name="keyColumn"/> and time at <paramref name="timeColumn"/>.</summary>
    public LastPointReading(int keyColumn, int timeColumn)
    {
        _key = keyColumn;
        _time = timeColumn;
    }

    /// <summary>Output column of the DISTINCT ON key.</summary>
    public int KeyColumn => _key;

    /// <summary>Files skipped in the last run.</summary>
    public int FilesSkipped { get; private set; }

    /// <summary>Whether the shortcut applies to these sources (all files, pairwise disjoint in time, no deletes).</summary>
    internal static bool Applies(List<ScanSource> sources, TableSnapshot snapshot)
    {
        if (snapshot.Tombstones.Count > 0 || sources.Count < 2)
        {
            return false;
        }

        var spans = new List<(long Min, long Max)>(sources.Count);
        foreach (ScanSource source in sources)
        {
            if (source.File is null)
            {
                return false;
            }

            spans.Add((source.MinTime, source.MaxTime));
        }

        spans.Sort();
        for (int i = 1; i < spans.Count; i++)
        {
            if (spans[i].Min <= spans[i - 1].Max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The files newest first, each read whole by <paramref name="readAll"/> unless its key column (read by <paramref name="readKeys"/>) shows it cannot improve any group.</summary>
    internal IEnumerable<RecordBatch> Read(List<ScanSource> sources, Func<ScanSource, IEnumerable<RecordBatch>> readAll, Func<ScanSource, IEnumerable<RecordBatch>> readKeys, CancellationToken cancellationToken)
    {
        FilesSkipped = 0;
        _best.Clear();
        _nullBest = long.MinValue;
        var ordered = new List<ScanSource>(sources);
        ordered.Sort(static (a, b) => b.MaxTime.CompareTo(a.MaxTime));
        for (int i = 0; i < ordered.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScanSource source = ordered[i];
            if (i > 0 && CannotImprove(readKeys(source), source.MaxTime))
            {
                FilesSkipped++;
                continue;
            }

            foreach (RecordBatch batch in readAll(source))
            {
                Record(batch);
                yield return batch;
            }
        }
    }

    /// <summary>Whether every key in <paramref name="keyBatches"/> (one column: the key) already has a row newer than <paramref name="maxTime"/>.</summary>
    private bool CannotImprove(IEnumerable<RecordBatch> keyBatches, long maxTime)
    {
        foreach (RecordBatch batch in keyBatches)
        {
            Column keys = batch.Column(0);
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
            }
            else
            {
                var text = (StringColumn)keys;
                for (int r = 0; r < text.Length; r++)
                {
                    if (text.IsValid(r) && !(_best.TryGetValue(text.GetString(r), out long best) && best > maxTime))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Raises the newest time of each key in <paramref name="batch"/>.</summary>
    private void Record(RecordBatch batch)
    {
        Column keys = batch.Column(_key);
        ReadOnlySpan<long> times = ((PrimitiveColumn<long>)batch.Column(_time)).Values;
        if (keys is DictionaryColumn dictionary)
        {
            // Newest time per dictionary entry first (int work per row), then one lookup per entry.
            var newest = new long[dictionary.Dictionary.Length];
            Array.Fill(newest, long.MinValue);
            ReadOnlySpan<int> indices = dictionary.Indices;
            for (int r = 0; r < indices.Length; r++)
            {
                if (dictionary.IsValid(r))
                {
                    newest[indices[r]] = Math.Max(newest[indices[r]], times[r]);
                }
                else
                {
                    _nullBest = Math.Max(_nullBest, times[r]);
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

        // Plain text keys (not how files store tags): a string per row, only on this fallback.
        var text = (StringColumn)keys;
        for (int r = 0; r < text.Length; r++)
        {
            if (text.IsValid(r))
            {
                Raise(Encoding.UTF8.GetString(text.GetBytes(r)), times[r]);
            }
            else
            {
                _nullBest = Math.Max(_nullBest, times[r]);
            }
        }
    }

    /// <summary>Raises the newest time of one key.</summary>
    private void Raise(string key, long time)
    {
        if (!_best.TryGetValue(key, out long best) || time > best)
        {
            _best[key] = time;
        }
    }
}
