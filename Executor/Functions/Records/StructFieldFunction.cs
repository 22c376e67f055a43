using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions;

/// <summary>
/// <c>(record).field</c> and <c>record['field']</c>: field <paramref name="index"/> (<paramref name="recordField"/>) of a record column,
/// NULL where the record is NULL. The child column is returned as it is (no copy) when the record
/// column has no nulls.
/// </summary>
public sealed class StructFieldFunction(int index, Field recordField) : ScalarFunction
{
    /// <summary>The field's position in the record, 0-based.</summary>
    public int Index => index;

    /// <inheritdoc/>
    public override string Name => recordField.Name;

    /// <inheritdoc/>
    public override DataType ReturnType => recordField.Type;

    /// <inheritdoc/>
    public override DataType ReturnElementType => recordField.ElementType;

    /// <inheritdoc/>
    public override IReadOnlyList<Field>? ReturnFields => recordField.Children;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        if (args[0] is not StructColumn record || record.Children.Count <= index)
        {
            // A record column without children is all NULL (NullColumns.Create); so is its field.
            return recordField.Type switch
            {
                DataType.List => NullColumns.CreateList(recordField.ElementType, length),
                DataType.Struct => new StructColumnBuilder(recordField.Children ?? [], length).BuildNulls(length),
                _ => NullColumns.Create(recordField.Type, length),
            };
        }

        return StructKernels.FieldOf(record, index, length);
    }
}
