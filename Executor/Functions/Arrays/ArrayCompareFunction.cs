using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Arrays;

/// <summary>
/// x op ANY (array) / x op ALL (array). The scalar is repeated once per element and compared with
/// all elements in one comparison kernel call; each row then folds its elements' results with SQL
/// three-valued logic: ANY is true if any comparison is true, else NULL if any is NULL, else false
/// (false for an empty array); ALL is the dual (true for an empty array). A NULL array is NULL.
/// </summary>
public sealed class ArrayCompareFunction(CompareOp op, bool all, string opText) : ScalarFunction
{
    /// <inheritdoc/>
    public override string Name => all ? opText + " ALL" : opText + " ANY";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Boolean;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        Column scalar = args[0];
        var list = (ListColumn)args[1];
        int[] rows = ListKernels.RowOfElements(list);
        Column repeated = ColumnFactory.Take(scalar, rows);
        BooleanColumn compared = ComparisonKernels.Compare(op, repeated, list.Values, rows.Length, rightConstant: false);
        var bits = new byte[BitUtil.BytesFor(length)];
        var validity = new byte[BitUtil.BytesFor(length)];
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            if (list.IsNull(i))
            {
                nullCount++;
                continue;
            }

            // decided: a comparison that settles the row (true for ANY, false for ALL).
            bool decided = false;
            bool sawNull = false;
            int end = list.StartOf(i + 1);
            for (int k = list.StartOf(i); k < end && !decided; k++)
            {
                if (compared.IsNull(k))
                {
                    sawNull = true;
                }
                else
                {
                    decided = compared.GetValue(k) != all;
                }
            }

            if (!decided && sawNull)
            {
                nullCount++;
                continue;
            }

            BitUtil.Set(validity, i);
            if (decided != all)
            {
                BitUtil.Set(bits, i);
            }
        }

        return new BooleanColumn(bits, length, validity, nullCount);
    }
}
