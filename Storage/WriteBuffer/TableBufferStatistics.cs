using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.WriteBuffer;

/// <summary>
/// What a table knows about its rows without reading them, taken at one moment under the table
/// lock (see <see cref="TableBuffer.Statistics"/>): per source (each persisted file, then the sealed
/// batches, then the live batches) its row count and time range, and per tag column the largest
/// dictionary of any batch in memory (the distinct values of one batch: a lower bound of the
/// table's, 0 when no batch in memory holds the column). Costs O(files + columns) to take,
/// independent of the number of buffer batches.
/// </summary>
public sealed class TableBufferStatistics
{
    /// <summary>Largest in-memory dictionary size per column index of <see cref="Schema"/> (0 for non-tags).</summary>
    private readonly int[] _tagDistinct;

    /// <summary>Creates the statistics; <paramref name="tagDistinct"/> is indexed like <paramref name="schema"/>.</summary>
    public TableBufferStatistics(Schema schema, IReadOnlyList<SourceStatistics> sources, int[] tagDistinct)
    {
        Schema = schema;
        Sources = sources;
        _tagDistinct = tagDistinct;
    }

    /// <summary>The table schema when taken.</summary>
    public Schema Schema { get; }

    /// <summary>Row count and time range per source: persisted files oldest first, then sealed, then live rows.</summary>
    public IReadOnlyList<SourceStatistics> Sources { get; }

    /// <summary>The largest dictionary size of tag column <paramref name="column"/> in any buffer batch, 0 when unknown.</summary>
    public int TagDistinct(int column) => (uint)column < (uint)_tagDistinct.Length ? _tagDistinct[column] : 0;
}
