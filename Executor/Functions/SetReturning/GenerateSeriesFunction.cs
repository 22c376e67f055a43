using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.SetReturning;

/// <summary>
/// generate_series(start, stop [, step]) over bigint arguments (the binder widens int4 and casts the
/// result back): start, start + step, ... while not past stop. A NULL argument yields no rows; a zero
/// step is 22023 as in PostgreSQL.
/// </summary>
public sealed class GenerateSeriesFunction : SetFunction
{
    /// <inheritdoc/>
    public override string Name => "generate_series";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Int64;

    /// <inheritdoc/>
    public override int CountOf(Column[] args, int row)
    {
        var start = (PrimitiveColumn<long>)args[0];
        var stop = (PrimitiveColumn<long>)args[1];
        PrimitiveColumn<long>? step = args.Length > 2 ? (PrimitiveColumn<long>)args[2] : null;
        if (start.IsNull(row) || stop.IsNull(row) || (step is not null && step.IsNull(row)))
        {
            return 0;
        }

        long by = step is null ? 1 : step.Values[row];
        if (by == 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "step size cannot equal zero");
        }

        // Int128 keeps (stop - start) exact for any pair of bigints.
        Int128 span = (Int128)stop.Values[row] - start.Values[row];
        if ((by > 0 && span < 0) || (by < 0 && span > 0))
        {
            return 0;
        }

        Int128 count = (span / by) + 1;
        if (count > int.MaxValue)
        {
            throw new SqlException(SqlState.ProgramLimitExceeded, "generate_series would return more than 2147483647 rows");
        }

        return (int)count;
    }

    /// <inheritdoc/>
    public override Column Produce(Column[] args, ReadOnlySpan<int> rows, ReadOnlySpan<int> ordinals)
    {
        var start = (PrimitiveColumn<long>)args[0];
        PrimitiveColumn<long>? step = args.Length > 2 ? (PrimitiveColumn<long>)args[2] : null;
        var values = new long[rows.Length];
        byte[]? validity = null;
        int nullCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (ordinals[i] < 0)
            {
                validity ??= GenerateSubscriptsFunction.AllValid(values.Length);
                BitUtil.Clear(validity, i);
                nullCount++;
                continue;
            }

            int row = rows[i];
            long by = step is null ? 1 : step.Values[row];

            // The value lies between start and stop (both bigints), so it cannot overflow.
            values[i] = (long)(start.Values[row] + ((Int128)by * ordinals[i]));
        }

        return new PrimitiveColumn<long>(DataType.Int64, values, values.Length, validity, nullCount);
    }
}
