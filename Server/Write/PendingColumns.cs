using System.Buffers;
using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Server.Write;

/// <summary>
/// The columns the lines of one request have used so far, per table, with the type and role
/// the first use gave them. The all-or-nothing validation pass checks each line against these
/// as well as the stored schema, so that two lines of one request that disagree on a new
/// column's type are caught before anything is stored. Per request; not thread-safe.
/// </summary>
internal sealed class PendingColumns
{
    /// <summary>Columns by table name, then by column name.</summary>
    private readonly Dictionary<string, Dictionary<string, (DataType Type, ColumnRole Role)>> _tables = new(StringComparer.Ordinal);

    /// <summary>The type and role an earlier line of the request gave column <paramref name="name"/>, if any.</summary>
    public bool TryGet(string table, ReadOnlySpan<byte> name, out DataType type, out ColumnRole role)
    {
        type = DataType.Null;
        role = ColumnRole.None;
        if (!_tables.TryGetValue(table, out Dictionary<string, (DataType, ColumnRole)>? columns))
        {
            return false;
        }

        char[]? rented = null;
        int max = Encoding.UTF8.GetMaxCharCount(name.Length);
        Span<char> chars = max <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(max));
        int count = Encoding.UTF8.GetChars(name, chars);
        bool found = columns.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..count], out (DataType Type, ColumnRole Role) entry);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        (type, role) = entry;
        return found;
    }

    /// <summary>Records column <paramref name="name"/> as used with <paramref name="type"/> and <paramref name="role"/> (first use wins).</summary>
    public void Add(string table, ReadOnlySpan<byte> name, DataType type, ColumnRole role)
    {
        if (!_tables.TryGetValue(table, out Dictionary<string, (DataType, ColumnRole)>? columns))
        {
            columns = new Dictionary<string, (DataType, ColumnRole)>(StringComparer.Ordinal);
            _tables.Add(table, columns);
        }

        columns.TryAdd(Encoding.UTF8.GetString(name), (type, role));
    }
}
