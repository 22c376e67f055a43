using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Executor.Values;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// A catalog function evaluated row by row: <c>evaluate</c> gets each row's argument values
/// (null for SQL NULL; long, int, short, bool or string by type) and returns the result value or
/// null. Catalog functions run over catalog rows (hundreds, not millions) and at most a few
/// times per query, so the per-row boxing is accepted here; data-path functions are vectorized.
/// </summary>
internal sealed class CatalogRowFunction(string name, DataType returnType, Func<object?[], object?> evaluate, int pgType = 0) : ScalarFunction
{
    /// <summary>Computes one row's value.</summary>
    private readonly Func<object?[], object?> _evaluate = evaluate;

    /// <inheritdoc/>
    public override string Name { get; } = name;

    /// <inheritdoc/>
    public override DataType ReturnType { get; } = returnType;

    /// <inheritdoc/>
    public override int PgType { get; } = pgType;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        ColumnBuilder builder = ColumnBuilder.Create(ReturnType, length);
        var values = new object?[args.Length];
        for (int row = 0; row < length; row++)
        {
            for (int a = 0; a < args.Length; a++)
            {
                values[a] = ColumnFactory.GetScalar(args[a], row).Value;
            }

            object? result = _evaluate(values);
            switch (result)
            {
                case null:
                    builder.AppendNull();
                    break;
                case string s:
                    ((StringColumnBuilder)builder).Append(s);
                    break;
                case bool b:
                    ((BooleanColumnBuilder)builder).Append(b);
                    break;
                case long l:
                    ((PrimitiveColumnBuilder<long>)builder).Append(l);
                    break;
                default:
                    throw new InvalidOperationException($"{Name} returned a {result.GetType().Name}");
            }
        }

        return builder.Build();
    }
}
