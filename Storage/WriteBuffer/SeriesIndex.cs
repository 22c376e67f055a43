using System.Runtime.CompilerServices;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// The per-series index of the write buffer: for a buffer batch and one of its tag columns, the
/// <see cref="TagPostings"/> (rows per tag value). The buffer is time-major, so a query for one
/// host otherwise reads every row of every batch in its time range; with the postings a scan
/// skips a batch that lacks every wanted value and takes only the matching rows of the others.
///
/// Exact by construction: postings are derived from an immutable batch and attached to that batch
/// object (weakly, so they die with it). Whatever changes the buffer — an append (a new active
/// snapshot or a new frozen batch), a delete (batches rewritten), a persist (batches moved to
/// files) — produces or drops batch objects and never edits one, so a snapshot's batches always
/// come with their own postings. Built on first use by a query (a write pays nothing); concurrent
/// first uses may both build, and one result wins: they are equal.
/// </summary>
public static class SeriesIndex
{
    /// <summary>Postings per batch, one slot per column of the batch (null until built).</summary>
    private static readonly ConditionalWeakTable<RecordBatch, TagPostings?[]> s_postings = new();

    /// <summary>
    /// Whether scans use the index (default true). Off, a scan reads whole batches as before: a
    /// switch for comparing results and timings (<c>ioxpg serve --no-series-index</c>, tests).
    /// </summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// The postings of column <paramref name="columnIndex"/> of <paramref name="batch"/>, or null when
    /// that column is not dictionary-encoded (not a tag) or the batch predates it.
    /// </summary>
    public static TagPostings? Postings(RecordBatch batch, int columnIndex)
    {
        if (columnIndex >= batch.Schema.Count || batch.Column(columnIndex) is not DictionaryColumn column)
        {
            return null;
        }

        TagPostings?[] slots = s_postings.GetValue(batch, static b => new TagPostings?[b.Schema.Count]);
        TagPostings? postings = Volatile.Read(ref slots[columnIndex]);
        if (postings is null)
        {
            postings = TagPostings.Build(column);
            postings = Interlocked.CompareExchange(ref slots[columnIndex], postings, null) ?? postings;
        }

        return postings;
    }
}
