using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>The array relations of <see cref="ArrayContainsFunction"/>.</summary>
public enum ArrayRelation
{
    /// <summary>a @&gt; b: every element of b equals some element of a.</summary>
    Contains,
    /// <summary>a &lt;@ b: every element of a equals some element of b.</summary>
    ContainedBy,
    /// <summary>a &amp;&amp; b: some element of a equals some element of b.</summary>
    Overlaps,
}

/// <summary>
/// @&gt;, &lt;@ and &amp;&amp; on arrays. NULL elements equal nothing (PostgreSQL's rule), so
/// ARRAY[NULL] @&gt; ARRAY[NULL] is false; a NULL array gives NULL. Elements are compared in their
/// typed columns (text by bytes) without boxing.
/// </summary>
public sealed class ArrayContainsFunction(ArrayRelation relation) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => relation switch
    {
        ArrayRelation.Contains => "@>",
        ArrayRelation.ContainedBy => "<@",
        _ => "&&",
    };

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        var a = (ListColumn)args[0];
        var b = (ListColumn)args[1];
        if (relation == ArrayRelation.ContainedBy)
        {
            (a, b) = (b, a);
        }

        var bits = new byte[BitUtil.BytesFor(length)];
        byte[]? validity = Bitmaps.And(a, b, length, out int nullCount);
        for (int i = 0; i < length; i++)
        {
            if (a.IsNull(i) || b.IsNull(i))
            {
                continue;
            }

            bool result = relation == ArrayRelation.Overlaps ? AnyShared(a, b, i) : AllFound(a, b, i);
            if (result)
            {
                BitUtil.Set(bits, i);
            }
        }

        return new BooleanColumn(bits, length, validity, nullCount);
    }

    /// <summary>Whether every element of b's row is an element of a's row.</summary>
    private static bool AllFound(ListColumn a, ListColumn b, int row)
    {
        for (int j = b.StartOf(row); j < b.StartOf(row + 1); j++)
        {
            if (!Found(a, row, b.Values, j))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether some element of b's row is an element of a's row.</summary>
    private static bool AnyShared(ListColumn a, ListColumn b, int row)
    {
        for (int j = b.StartOf(row); j < b.StartOf(row + 1); j++)
        {
            if (Found(a, row, b.Values, j))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether value <paramref name="j"/> of <paramref name="other"/> equals an element of a's row (never for NULL).</summary>
    private static bool Found(ListColumn a, int row, Column other, int j)
    {
        if (other.IsNull(j))
        {
            return false;
        }

        for (int k = a.StartOf(row); k < a.StartOf(row + 1); k++)
        {
            if (a.Values.IsValid(k) && ElementEquals(a.Values, k, other, j))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equality of two non-null elements of columns of one type.</summary>
    private static bool ElementEquals(Column x, int i, Column y, int j) => x switch
    {
        PrimitiveColumn<int> c => c.Values[i] == ((PrimitiveColumn<int>)y).Values[j],
        PrimitiveColumn<long> c => c.Values[i] == ((PrimitiveColumn<long>)y).Values[j],
        PrimitiveColumn<short> c => c.Values[i] == ((PrimitiveColumn<short>)y).Values[j],
        PrimitiveColumn<double> c => c.Values[i].Equals(((PrimitiveColumn<double>)y).Values[j]),
        PrimitiveColumn<float> c => c.Values[i].Equals(((PrimitiveColumn<float>)y).Values[j]),
        PrimitiveColumn<decimal> c => c.Values[i] == ((PrimitiveColumn<decimal>)y).Values[j],
        PrimitiveColumn<ulong> c => c.Values[i] == ((PrimitiveColumn<ulong>)y).Values[j],
        PrimitiveColumn<Interval> c => c.Values[i].ApproximateNanoseconds == ((PrimitiveColumn<Interval>)y).Values[j].ApproximateNanoseconds,
        BooleanColumn c => c.GetValue(i) == ((BooleanColumn)y).GetValue(j),
        _ => ColumnFactory.Utf8(x, i).SequenceEqual(ColumnFactory.Utf8(y, j)),
    };
}
