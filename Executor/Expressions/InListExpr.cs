using System.Text;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Expressions;

/// <summary>
/// x IN (constants): true when x equals a list value; otherwise NULL when x is NULL or the list
/// holds a NULL; otherwise false (SQL's rules, so NOT IN with a NULL in the list is never true).
/// The list values have x's type. Dictionary columns decide each dictionary entry once.
/// </summary>
public sealed class InListExpr : PhysicalExpr
{
    /// <summary>The tested operand.</summary>
    private readonly PhysicalExpr _input;

    /// <summary>The non-null list values, as 64-bit patterns for integral/timestamp types.</summary>
    private readonly HashSet<long> _longs = [];

    /// <summary>The non-null list values for double columns.</summary>
    private readonly HashSet<double> _doubles = [];

    /// <summary>The non-null list values for numeric columns.</summary>
    private readonly HashSet<decimal> _decimals = [];

    /// <summary>The non-null list values for text columns, UTF-8.</summary>
    private readonly List<byte[]> _texts = [];

    /// <summary>The non-null list values of other types, compared through ScalarValue (slow path).</summary>
    private readonly List<ScalarValue> _others = [];

    /// <summary>Whether the list contains NULL.</summary>
    private readonly bool _listHasNull;

    /// <summary>Creates the test.</summary>
    public InListExpr(PhysicalExpr input, IReadOnlyList<ScalarValue> values)
    {
        _input = input;
        foreach (ScalarValue v in values)
        {
            if (v.IsNull)
            {
                _listHasNull = true;
                continue;
            }

            switch (v.Value)
            {
                case short or int or long:
                    _longs.Add(v.AsInt64());
                    break;
                case double d:
                    _doubles.Add(d);
                    break;
                case decimal m:
                    _decimals.Add(m);
                    break;
                case string s:
                    _texts.Add(Encoding.UTF8.GetBytes(s));
                    break;
                case byte[] bytes:
                    // bytea: matched bytewise like text.
                    _texts.Add(bytes);
                    break;
                default:
                    _others.Add(v);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public override DataType Type => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Evaluate(RecordBatch batch)
    {
        Column input = _input.Evaluate(batch);
        int n = batch.RowCount;
        var bits = new byte[BitUtil.BytesFor(n)];
        switch (input)
        {
            case DictionaryColumn dictionary:
            {
                StringColumn entries = dictionary.Dictionary;
                var matches = new bool[entries.Length];
                for (int d = 0; d < matches.Length; d++)
                {
                    matches[d] = MatchText(entries.GetBytes(d));
                }

                ComparisonKernels.MapDictionary(dictionary.Indices, matches, bits);
                break;
            }

            case StringColumn text:
                for (int i = 0; i < n; i++)
                {
                    if (MatchText(text.GetBytes(i)))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            case PrimitiveColumn<long> c:
                for (int i = 0; i < n; i++)
                {
                    if (_longs.Contains(c.Values[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            case PrimitiveColumn<int> c:
                for (int i = 0; i < n; i++)
                {
                    if (_longs.Contains(c.Values[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            case PrimitiveColumn<short> c:
                for (int i = 0; i < n; i++)
                {
                    if (_longs.Contains(c.Values[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            case PrimitiveColumn<double> c:
                for (int i = 0; i < n; i++)
                {
                    if (_doubles.Contains(c.Values[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            case PrimitiveColumn<decimal> c:
                for (int i = 0; i < n; i++)
                {
                    if (_decimals.Contains(c.Values[i]))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
            default:
                for (int i = 0; i < n; i++)
                {
                    if (input.IsValid(i) && MatchOther(ColumnFactory.GetScalar(input, i)))
                    {
                        BitUtil.Set(bits, i);
                    }
                }

                break;
        }

        return new BooleanColumn(bits, n, ResultValidity(input, bits, n, out int nullCount), nullCount);
    }

    /// <summary>NULL where x is NULL, and also where nothing matched when the list holds a NULL.</summary>
    private byte[]? ResultValidity(Column input, byte[] bits, int n, out int nullCount)
    {
        if (!_listHasNull)
        {
            nullCount = input.NullCount;
            return input.ValidityBuffer;
        }

        var validity = new byte[BitUtil.BytesFor(n)];
        ReadOnlySpan<byte> inputValid = input.Validity;
        for (int i = 0; i < validity.Length; i++)
        {
            int v = input.NullCount == 0 ? 0xFF : inputValid[i];
            validity[i] = (byte)(v & bits[i]);
        }

        nullCount = n - BitUtil.CountSet(validity, n);
        return validity;
    }

    /// <summary>Whether a text value is in the list.</summary>
    private bool MatchText(ReadOnlySpan<byte> value)
    {
        foreach (byte[] candidate in _texts)
        {
            if (value.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Slow-path membership for other types (bool, float4, interval, ...).</summary>
    private bool MatchOther(ScalarValue value)
    {
        foreach (ScalarValue candidate in _others)
        {
            if (Equals(candidate.Value, value.Value))
            {
                return true;
            }
        }

        return false;
    }
}
