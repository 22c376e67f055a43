using System.Text.RegularExpressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// regexp_count(text, pattern[, start[, flags]]) → integer (PostgreSQL 15, InfluxDB 3): how many
/// non-overlapping matches the pattern has in the text from character <c>start</c> (1-based, default
/// 1; below 1 is 22023, past the end counts nothing). NULL when any argument is NULL; flag g is
/// 22023 as in PostgreSQL. Rows decode to UTF-16 in one reused buffer and count with
/// Regex.Count over a span: no row allocates.
/// </summary>
public sealed class RegexpCountFunction : ScalarFunction
{
    /// <summary>The state left by the last batch (compiled pattern, buffers); null while a batch has it.</summary>
    private RegexpCache? _idle;

    /// <inheritdoc/>
    public override string Name => "regexp_count";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int32;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_count", allowGlobal: false);
        try
        {
            var counts = new int[length];
            byte[]? validity = null;
            int nullCount = 0;
            var starts = args.Length > 2 ? (PrimitiveColumn<int>)args[2] : null;
            for (int i = 0; i < length; i++)
            {
                bool isNull = args[0].IsNull(i);
                for (int a = 1; a < args.Length && !isNull; a++)
                {
                    isNull = args[a].IsNull(i);
                }

                if (isNull)
                {
                    if (validity is null)
                    {
                        validity = new byte[BitUtil.BytesFor(length)];
                        validity.AsSpan().Fill(0xFF);
                    }

                    BitUtil.Clear(validity, i);
                    nullCount++;
                    continue;
                }

                int start = starts is null ? 1 : starts.Values[i];
                if (start < 1)
                {
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid value for parameter \"start\": {start}");
                }

                Regex regex = cache.Get(ColumnFactory.Utf8(args[1], i), args.Length > 3 ? ColumnFactory.Utf8(args[3], i) : default, out _);
                ReadOnlySpan<char> text = cache.DecodeSource(ColumnFactory.Utf8(args[0], i));
                int offset = Utf16Offset(text, start - 1);
                try
                {
                    counts[i] = offset >= text.Length ? 0 : regex.Count(text[offset..]);
                }
                catch (RegexMatchTimeoutException)
                {
                    throw RegexpCache.Timeout();
                }
            }

            return new PrimitiveColumn<int>(DataType.Int32, counts, length, validity, nullCount);
        }
        finally
        {
            _idle = cache;
        }
    }

    /// <summary>The UTF-16 index of code point <paramref name="characters"/> of <paramref name="text"/> (its length when past the end).</summary>
    private static int Utf16Offset(ReadOnlySpan<char> text, int characters)
    {
        int index = 0;
        for (int c = 0; c < characters && index < text.Length; c++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }
}
