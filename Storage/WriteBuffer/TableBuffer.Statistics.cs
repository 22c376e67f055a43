using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Persist;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// Planner statistics kept incrementally, so that planning does not walk the buffer's batches:
/// row counts and time ranges come from the write path's <see cref="TimeStats"/>; the largest
/// dictionary size per tag column is noted when a chunk freezes, merged into the sealed part on
/// seal, and recomputed from the remaining batches when rows leave the buffer (persist, delete),
/// where a maximum cannot be decremented. The active chunk's dictionaries are read from its
/// builders when the statistics are taken.
/// </summary>
public sealed partial class TableBuffer
{
    /// <summary>Largest dictionary size per column index over the frozen live batches (grown on demand; 0 for non-tags).</summary>
    private int[] _liveTagDistinct = [];

    /// <summary>Largest dictionary size per column index over the sealed batches.</summary>
    private int[] _sealedTagDistinct = [];

    /// <summary>The table's statistics now, in O(files + columns); see <see cref="TableBufferStatistics"/>.</summary>
    public TableBufferStatistics Statistics()
    {
        lock (_lock)
        {
            var sources = new List<SourceStatistics>(_files.Count + 2);
            foreach (PersistedFile file in _files)
            {
                sources.Add(new SourceStatistics(file.File.RowCount, file.File.MinTime, file.File.MaxTime));
            }

            if (_sealed.Count > 0)
            {
                sources.Add(new SourceStatistics(_sealedStats.Rows, _sealedStats.MinTime, _sealedStats.MaxTime));
            }

            if (_frozen.Count > 0 || _activeRows > 0)
            {
                sources.Add(new SourceStatistics(_liveStats.Rows, _liveStats.MinTime, _liveStats.MaxTime));
            }

            var tagDistinct = new int[_columns.Count];
            for (int c = 0; c < tagDistinct.Length; c++)
            {
                if (_columns[c].Role != ColumnRole.Tag)
                {
                    continue;
                }

                int active = _activeRows > 0 && _columns[c].Builder is DictionaryColumnBuilder builder ? builder.DistinctCount : 0;
                tagDistinct[c] = Math.Max(active, Math.Max(At(_liveTagDistinct, c), At(_sealedTagDistinct, c)));
            }

            return new TableBufferStatistics(SchemaUnsynchronized(), sources, tagDistinct);
        }
    }

    /// <summary>Entry <paramref name="index"/> of <paramref name="sizes"/>, 0 beyond its end.</summary>
    private static int At(int[] sizes, int index) => index < sizes.Length ? sizes[index] : 0;

    /// <summary>Raises <paramref name="sizes"/> to <paramref name="batch"/>'s tag dictionary sizes. Caller holds the lock.</summary>
    private void NoteTagDistinctUnsynchronized(ref int[] sizes, RecordBatch batch)
    {
        int columns = Math.Min(batch.Columns.Count, _columns.Count);
        if (sizes.Length < columns)
        {
            Array.Resize(ref sizes, _columns.Count);
        }

        for (int c = 0; c < columns; c++)
        {
            if (_columns[c].Role == ColumnRole.Tag && batch.Columns[c] is DictionaryColumn dictionary && dictionary.Dictionary.Length > sizes[c])
            {
                sizes[c] = dictionary.Dictionary.Length;
            }
        }
    }

    /// <summary>Moves the live maxima into the sealed ones (the live batches were just sealed). Caller holds the lock.</summary>
    private void SealTagDistinctUnsynchronized()
    {
        if (_sealedTagDistinct.Length < _liveTagDistinct.Length)
        {
            Array.Resize(ref _sealedTagDistinct, _liveTagDistinct.Length);
        }

        for (int c = 0; c < _liveTagDistinct.Length; c++)
        {
            _sealedTagDistinct[c] = Math.Max(_sealedTagDistinct[c], _liveTagDistinct[c]);
        }

        Array.Clear(_liveTagDistinct);
    }

    /// <summary>Recomputes the maxima of <paramref name="batches"/> into <paramref name="sizes"/> after rows left them. Caller holds the lock.</summary>
    private void RecomputeTagDistinctUnsynchronized(ref int[] sizes, List<RecordBatch> batches)
    {
        Array.Clear(sizes);
        foreach (RecordBatch batch in batches)
        {
            NoteTagDistinctUnsynchronized(ref sizes, batch);
        }
    }
}
