using System.Numerics;
using System.Runtime.InteropServices;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Storage.Parquet.Reader;

/// <summary>Building batch columns from decoded pages: values copied out, nulls where levels say, scaled to our units.</summary>
internal sealed partial class ColumnChunkReader
{
    /// <summary>Int64-layout output (Int64, Timestamp, TimestampNoTz), scaled.</summary>
    private Column ReadInt64s(int rows)
    {
        long[] values = new long[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageLongs);
        if (_scale != 1)
        {
            Scale(values);
        }

        return new PrimitiveColumn<long>(_type, values, rows, validity, nullCount);
    }

    /// <summary>UInt64 output (the bit patterns of INT64).</summary>
    private Column ReadUInt64s(int rows)
    {
        ulong[] values = new ulong[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageLongs);
        return new PrimitiveColumn<ulong>(_type, values, rows, validity, nullCount);
    }

    /// <summary>Int32 / Date output.</summary>
    private Column ReadInt32s(int rows)
    {
        int[] values = new int[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageLongs);
        return new PrimitiveColumn<int>(_type, values, rows, validity, nullCount);
    }

    /// <summary>Int16 output (INT(8), INT(16), UINT_8).</summary>
    private Column ReadInt16s(int rows)
    {
        short[] values = new short[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageLongs);
        return new PrimitiveColumn<short>(_type, values, rows, validity, nullCount);
    }

    /// <summary>Float64 output.</summary>
    private Column ReadDoubles(int rows)
    {
        double[] values = new double[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageDoubles);
        return new PrimitiveColumn<double>(_type, values, rows, validity, nullCount);
    }

    /// <summary>Float32 output (values were widened exactly, so narrowing is exact).</summary>
    private Column ReadFloats(int rows)
    {
        float[] values = new float[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, values, _pageDoubles);
        return new PrimitiveColumn<float>(_type, values, rows, validity, nullCount);
    }

    /// <summary>Boolean output.</summary>
    private Column ReadBooleans(int rows)
    {
        int[] wide = new int[rows];
        (byte[]? validity, int nullCount) = CopyRows(rows, wide, _pageBools);
        byte[] bits = new byte[BitUtil.BytesFor(rows)];
        for (int i = 0; i < rows; i++)
        {
            if (wide[i] != 0)
            {
                BitUtil.Set(bits, i);
            }
        }

        return new BooleanColumn(bits, rows, validity, nullCount);
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows from the pages: non-null values from the page scratch
    /// array of <paramref name="pageValuesField"/>'s kind, converted to the output type (integers
    /// truncate: the page holds INT32 values widened, or INT64 bit patterns for UInt64), nulls as
    /// default. Returns the validity bitmap (null when no nulls).
    /// </summary>
    private (byte[]? Validity, int NullCount) CopyRows<TPage, TOut>(int rows, TOut[] target, TPage[] pageValuesField)
        where TPage : unmanaged, INumberBase<TPage>
        where TOut : unmanaged, INumberBase<TOut>
    {
        byte[]? validity = _maxDefinitionLevel > 0 ? new byte[BitUtil.BytesFor(rows)] : null;
        int nullCount = 0;
        int filled = 0;
        while (filled < rows)
        {
            EnsurePage();
            // The page scratch array may have been replaced (grown) by the page load: re-read it.
            TPage[] pageValues = CurrentPageArray(pageValuesField);
            int take = Math.Min(rows - filled, _pageRows - _pageRow);
            if (_pageHasNoNulls)
            {
                ReadOnlySpan<TPage> source = pageValues.AsSpan(_pageValue, take);
                Span<TOut> destination = target.AsSpan(filled, take);
                if (typeof(TPage) == typeof(TOut) || (typeof(TPage) == typeof(long) && typeof(TOut) == typeof(ulong)))
                {
                    MemoryMarshal.Cast<TPage, TOut>(source).CopyTo(destination);
                }
                else
                {
                    for (int i = 0; i < take; i++)
                    {
                        destination[i] = TOut.CreateTruncating(source[i]);
                    }
                }

                if (validity is not null)
                {
                    SetBits(validity, filled, take);
                }

                _pageValue += take;
            }
            else
            {
                for (int i = 0; i < take; i++)
                {
                    if (_levels[_pageRow + i] != 0)
                    {
                        target[filled + i] = TOut.CreateTruncating(pageValues[_pageValue++]);
                        BitUtil.Set(validity!, filled + i);
                    }
                    else
                    {
                        nullCount++;
                    }
                }
            }

            _pageRow += take;
            filled += take;
        }

        return nullCount == 0 ? (null, 0) : (validity, nullCount);
    }

    /// <summary>Sets <paramref name="count"/> bits from <paramref name="start"/>.</summary>
    private static void SetBits(byte[] bitmap, int start, int count)
    {
        int i = start;
        int end = start + count;
        for (; i < end && (i & 7) != 0; i++)
        {
            BitUtil.Set(bitmap, i);
        }

        for (; i + 8 <= end; i += 8)
        {
            bitmap[i >> 3] = 0xFF;
        }

        for (; i < end; i++)
        {
            BitUtil.Set(bitmap, i);
        }
    }

    /// <summary>The current page scratch array of the same kind as <paramref name="stale"/>.</summary>
    private T[] CurrentPageArray<T>(T[] stale)
        where T : unmanaged
    {
        if (typeof(T) == typeof(long))
        {
            return (T[])(object)_pageLongs;
        }

        if (typeof(T) == typeof(double))
        {
            return (T[])(object)_pageDoubles;
        }

        if (typeof(T) == typeof(int))
        {
            return (T[])(object)_pageBools;
        }

        return stale;
    }

    /// <summary>Scales stored timestamps to nanoseconds; values beyond int64 nanoseconds (years past 2262) are an error.</summary>
    private void Scale(long[] values)
    {
        long max = long.MaxValue / _scale;
        long min = long.MinValue / _scale;
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i];
            if (value > max || value < min)
            {
                throw new SqlException(SqlState.DatetimeFieldOverflow, $"timestamp in Parquet column \"{_name}\" is out of range for nanosecond precision");
            }

            values[i] = value * _scale;
        }
    }

    /// <summary>
    /// Text output: a <see cref="DictionaryColumn"/> over the chunk's dictionary when every row of
    /// the batch came from dictionary pages, else a <see cref="StringColumn"/> (a chunk may switch
    /// to PLAIN pages when its dictionary grows too big).
    /// </summary>
    private Column ReadStrings(int rows)
    {
        int[] indices = new int[rows];
        byte[]? validity = _maxDefinitionLevel > 0 ? new byte[BitUtil.BytesFor(rows)] : null;
        int nullCount = 0;
        StringColumnBuilder? plain = null;
        int filled = 0;
        while (filled < rows)
        {
            EnsurePage();
            if (!_pageIsDictionary && plain is null)
            {
                plain = new StringColumnBuilder(rows);
                ReplayDictionaryRows(plain, indices, validity, filled);
            }

            int take = Math.Min(rows - filled, _pageRows - _pageRow);
            for (int i = 0; i < take; i++)
            {
                bool present = _pageHasNoNulls || _levels[_pageRow + i] != 0;
                if (!present)
                {
                    nullCount++;
                    plain?.AppendNull();
                    continue;
                }

                int value = _pageValue++;
                if (validity is not null)
                {
                    BitUtil.Set(validity, filled + i);
                }

                if (plain is null)
                {
                    indices[filled + i] = _pageIndices[value];
                }
                else if (_pageIsDictionary)
                {
                    plain.Append(_dictionary!.GetBytes(_pageIndices[value]));
                }
                else
                {
                    plain.Append(_pageStringData.AsSpan(_pageStringOffsets[value], _pageStringOffsets[value + 1] - _pageStringOffsets[value]));
                }
            }

            _pageRow += take;
            filled += take;
        }

        if (plain is not null)
        {
            return plain.Build();
        }

        if (_dictionary is null || _dictionary.Length == 0)
        {
            // All rows null and no dictionary entries: index 0 would point nowhere, so use a plain column.
            return NullColumns.Create(DataType.Utf8, rows);
        }

        return new DictionaryColumn(indices, _dictionary, rows, nullCount == 0 ? null : validity, nullCount);
    }

    /// <summary>Re-appends the first <paramref name="count"/> dictionary-mode rows to a plain builder.</summary>
    private void ReplayDictionaryRows(StringColumnBuilder plain, int[] indices, byte[]? validity, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (validity is not null && !BitUtil.Get(validity, i))
            {
                plain.AppendNull();
            }
            else
            {
                plain.Append(_dictionary!.GetBytes(indices[i]));
            }
        }
    }
}
