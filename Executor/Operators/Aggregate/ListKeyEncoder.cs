using System.Buffers.Binary;
using IOx.Pg.Executor.Functions.Arrays;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Aggregate;

/// <summary>
/// Arrays: each distinct array gets an interned id. The key of a row is its elements' output
/// text, each framed by a length (-1 for a NULL element), so equal arrays (NULL elements equal,
/// as array_eq and GROUP BY treat them) share a code. The elements of a batch are turned into text
/// in one pass over the child column; the first row of each new array is kept for decoding.
/// </summary>
internal sealed class ListKeyEncoder : KeyEncoder
{
    /// <summary>Distinct array keys seen; id = position.</summary>
    private readonly ByteInterner _interner = new();

    /// <inheritdoc/>
    public override long MemoryBytes => _interner.MemoryBytes;

    /// <summary>Scratch for one row's key bytes.</summary>
    private byte[] _key = new byte[256];

    /// <summary>The distinct arrays, in id order (created with the first batch's element type).</summary>
    private ListColumnBuilder? _distinct;

    /// <inheritdoc/>
    public override void Encode(Column column, Span<long> codes, Span<ulong> nullMask, ulong nullBit)
    {
        var list = (ListColumn)column;
        _distinct ??= new ListColumnBuilder(list.ElementType, 64);
        Column texts = ArrayToStringFunction.ElementTexts(list.Values);
        for (int i = 0; i < list.Length; i++)
        {
            if (list.IsNull(i))
            {
                codes[i] = 0;
                continue;
            }

            int length = 0;
            int end = list.StartOf(i + 1);
            for (int k = list.StartOf(i); k < end; k++)
            {
                ReadOnlySpan<byte> text = texts.IsNull(k) ? default : ColumnFactory.Utf8(texts, k);
                EnsureKey(length + 4 + text.Length);
                BinaryPrimitives.WriteInt32LittleEndian(_key.AsSpan(length), texts.IsNull(k) ? -1 : text.Length);
                length += 4;
                text.CopyTo(_key.AsSpan(length));
                length += text.Length;
            }

            int before = _interner.Count;
            int id = _interner.Intern(_key.AsSpan(0, length));
            if (_interner.Count > before)
            {
                ColumnFactory.AppendAll(_distinct.Values, ColumnFactory.Slice(list.Values, list.StartOf(i), list.CountOf(i)));
                _distinct.EndList();
            }

            codes[i] = id;
        }

        MarkNulls(column, codes, nullMask, nullBit);
    }

    /// <inheritdoc/>
    public override Column Decode(ReadOnlySpan<long> codes, ReadOnlySpan<bool> isNull)
    {
        _distinct ??= new ListColumnBuilder(DataType.Utf8, 1);
        var all = (ListColumn)_distinct.Snapshot();
        var indices = new int[codes.Length];
        var validity = new byte[BitUtil.BytesFor(codes.Length)];
        int nullCount = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (isNull[i])
            {
                nullCount++;
            }
            else
            {
                indices[i] = (int)codes[i];
                BitUtil.Set(validity, i);
            }
        }

        if (all.Length == 0)
        {
            return NullColumns.CreateList(all.ElementType, codes.Length);
        }

        return ListKernels.Take(all, indices, validity, nullCount);
    }

    /// <summary>Grows the key scratch.</summary>
    private void EnsureKey(int bytes)
    {
        if (_key.Length < bytes)
        {
            Array.Resize(ref _key, Math.Max(bytes, _key.Length * 2));
        }
    }
}
