using System.Runtime.InteropServices;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet.Writer;

/// <summary>
/// Dictionary encoding of numbers (DOUBLE): metrics often take few distinct values (percentages
/// in hundredths, states, counters' small domains), and a dictionary page plus bit-packed indices
/// is then several times smaller than PLAIN, as DuckDB's writer also finds. Values are interned by
/// their bit pattern, so -0.0 and NaN payloads round-trip exactly.
/// </summary>
internal sealed partial class ColumnChunkWriter
{
    /// <summary>Entries of the current chunk's dictionary (text or numeric), for the index bit width.</summary>
    private int _dictionaryCount;

    /// <summary>
    /// Interns <paramref name="values"/> into <see cref="ChunkScratch.DictionaryValues"/> and
    /// <see cref="ChunkScratch.Indices"/>; false (no dictionary) once the distinct values exceed
    /// half the values or the entry limit, where PLAIN is as small or smaller.
    /// </summary>
    private bool TryBuildNumericDictionary(ReadOnlySpan<long> values)
    {
        int limit = Math.Min(_options.MaxDictionaryEntries, Math.Min(_options.MaxDictionaryBytes / 8, values.Length / 2));
        if (limit < 1)
        {
            return false;
        }

        int bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)limit) + 1);
        int size = 1 << bits;
        EnsureCapacity(ref _scratch.DictionarySlots, size);
        EnsureCapacity(ref _scratch.Indices, values.Length);
        EnsureCapacity(ref _scratch.DictionaryValues, limit);
        Span<int> slots = _scratch.DictionarySlots.AsSpan(0, size);
        slots.Clear();
        Span<long> dictionary = _scratch.DictionaryValues;
        Span<int> indices = _scratch.Indices;
        int mask = size - 1;
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i];
            int slot = (int)(((ulong)value * 0x9E3779B97F4A7C15UL) >> (64 - bits));
            while (true)
            {
                int entry = slots[slot];
                if (entry == 0)
                {
                    if (count == limit)
                    {
                        return false;
                    }

                    dictionary[count] = value;
                    slots[slot] = ++count;
                    indices[i] = count - 1;
                    break;
                }

                if (dictionary[entry - 1] == value)
                {
                    indices[i] = entry - 1;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        _dictionaryCount = count;
        return true;
    }

    /// <summary>The dictionary page of a numeric dictionary: its values PLAIN (8 bytes each).</summary>
    private void WriteNumericDictionaryPage(Stream output, ref long position)
    {
        _scratch.Page.Clear();
        _scratch.Page.Write(MemoryMarshal.AsBytes(_scratch.DictionaryValues.AsSpan(0, _dictionaryCount)));
        Use(Format.Encoding.Plain);
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = _dictionaryCount, Encoding = Format.Encoding.Plain },
        };
        WritePage(header, output, ref position);
    }
}
