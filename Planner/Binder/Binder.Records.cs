using IOx.Pg.Executor.Functions;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Logical.Expressions;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// Records (PostgreSQL's anonymous composite type, Arrow struct): ROW(...) and (a, b, ...)
/// constructors, field selection <c>(record).field</c> and <c>record['field']</c> on any record-typed
/// expression. Comparing, ordering or testing a record for NULL (which PostgreSQL defines field by
/// field) is not built: 0A000 rather than a record-level answer that would differ.
/// </summary>
public sealed partial class Binder
{
    /// <summary>ROW(e1, ..., en): fields f1 ... fn; an untyped literal or NULL field is text, as in PostgreSQL.</summary>
    private BoundExpr BindRowConstructor(RowConstructor row, Clause clause)
    {
        var args = new BoundExpr[row.Items.Count];
        var fields = new Field[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            BoundExpr item = Bind(row.Items[i], clause);
            if (item is BoundLiteral { IsUnknown: true } || item.Type == DataType.Null)
            {
                item = Coerce(item, DataType.Utf8, row.Items[i].Position)!;
            }

            args[i] = item;
            fields[i] = new Field(RowConstructFunction.AnonymousFieldName(i), item.Type, ElementType: item.ElementType, Children: item.StructFields);
        }

        return new BoundFunction(new RowConstructFunction(fields), args);
    }

    /// <summary>
    /// Field <paramref name="name"/> of record <paramref name="record"/>: 42703 when the record has no
    /// such field, 42809 when the operand is not a record (PostgreSQL's two messages).
    /// </summary>
    private static BoundExpr BindRecordField(BoundExpr record, string name, int position)
    {
        if (record.Type != DataType.Struct)
        {
            throw new SqlException(SqlState.WrongObjectType,
                $"column notation .{name} applied to type {TypeNames.SqlName(record.Type, record.ElementType)}, which is not a composite type", position + 1);
        }

        IReadOnlyList<Field> fields = record.StructFields ?? [];
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return new BoundFunction(new StructFieldFunction(i, fields[i]), [record]);
            }
        }

        throw new SqlException(SqlState.UndefinedColumn, $"could not identify column \"{name}\" in record data type", position + 1);
    }

    /// <summary>0A000 for an operation on records that PostgreSQL defines field by field and IOx.Pg does not have yet.</summary>
    private static void RejectRecord(BoundExpr operand, string operation, int position)
    {
        if (operand.Type == DataType.Struct)
        {
            throw SqlException.NotSupported($"{operation} on record values", position + 1);
        }
    }
}
