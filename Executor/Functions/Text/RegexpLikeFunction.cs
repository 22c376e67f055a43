using System.Text.RegularExpressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// regexp_like(text, pattern[, flags]) → boolean (PostgreSQL 15, InfluxDB 3): whether the pattern
/// matches anywhere in the text; NULL when any argument is NULL; flag g is 22023. Rows decode to
/// UTF-16 (what .NET's engine reads) in one reused buffer and match as spans: no row allocates.
/// When the pattern and flags are constants, a dictionary (tag) column is matched once per entry.
/// </summary>
public sealed class RegexpLikeFunction(bool constantPattern) : ScalarFunction
{
    /// <summary>The state left by the last batch (compiled pattern, buffers); null while a batch has it.</summary>
    private RegexpCache? _idle;

    /// <inheritdoc/>
    public override string Name => "regexp_like";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_like", allowGlobal: false);
        try
        {
            if (constantPattern && args[0] is DictionaryColumn d && d.Dictionary.Length <= length && length > 0 && !AnyNull(args, 0))
            {
                // Once per entry (the constant arguments' columns are at least that long), then per row by index.
                BooleanColumn entries = Match([d.Dictionary, .. args[1..]], d.Dictionary.Length, cache);
                var bits = new byte[BitUtil.BytesFor(length)];
                ReadOnlySpan<int> indices = d.Indices;
                for (int i = 0; i < length; i++)
                {
                    if (entries.GetValue(indices[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                return new BooleanColumn(bits, length, d.ValidityBuffer, d.NullCount);
            }

            return Match(args, length, cache);
        }
        finally
        {
            _idle = cache;
        }
    }

    /// <summary>The matches of one batch.</summary>
    private static BooleanColumn Match(Column[] args, int length, RegexpCache cache)
    {
        var bits = new byte[BitUtil.BytesFor(length)];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            if (args[0].IsNull(i) || args[1].IsNull(i) || (args.Length > 2 && args[2].IsNull(i)))
            {
                validity ??= AllValid(length);
                BitUtil.Clear(validity, i);
                nullCount++;
                continue;
            }

            Regex regex = cache.Get(ColumnFactory.Utf8(args[1], i), args.Length > 2 ? ColumnFactory.Utf8(args[2], i) : default, out _);
            ReadOnlySpan<char> text = cache.DecodeSource(ColumnFactory.Utf8(args[0], i));
            try
            {
                if (regex.IsMatch(text))
                {
                    BitUtil.Set(bits, i);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw RegexpCache.Timeout();
            }
        }

        return new BooleanColumn(bits, length, validity, nullCount);
    }

    /// <summary>Whether a pattern or flags argument is NULL at <paramref name="row"/>.</summary>
    internal static bool AnyNull(Column[] args, int row)
    {
        for (int a = 1; a < args.Length; a++)
        {
            if (args[a].IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A validity bitmap with every row valid.</summary>
    private static byte[] AllValid(int length)
    {
        var validity = new byte[BitUtil.BytesFor(length)];
        validity.AsSpan().Fill(0xFF);
        return validity;
    }
}
