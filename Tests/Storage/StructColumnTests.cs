using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.Storage;

/// <summary>
/// Record columns below SQL: the builder (nulls reach every child, snapshots leave it usable), the
/// gather and concatenation kernels operators use (sort, limit, filter), a field read through a NULL
/// record, and an all-NULL record column made without its field list.
/// </summary>
public sealed class StructColumnTests
{
    /// <summary>Fields (id int4, name text).</summary>
    private static readonly Field[] s_fields = [new("id", DataType.Int32), new("name", DataType.Utf8)];

    [Fact]
    public void BuilderAppendsRecordsAndNullRecordsKeepingChildrenAligned()
    {
        StructColumn column = Build((1, "a"), null, (3, null));
        Assert.Equal(3, column.Length);
        Assert.Equal(1, column.NullCount);
        Assert.True(column.IsNull(1));
        Assert.All(column.Children, c => Assert.Equal(3, c.Length));
        Assert.Equal(["id", "name"], column.Names);
        Assert.Equal(3, ((PrimitiveColumn<int>)column.Children[0]).Values[2]);
        Assert.True(column.Children[1].IsNull(2));
    }

    [Fact]
    public void SnapshotCopiesAndTheBuilderGoesOn()
    {
        var builder = new StructColumnBuilder(s_fields, 4);
        Append(builder, (1, "a"));
        var snapshot = (StructColumn)builder.Snapshot();
        Append(builder, (2, "b"));
        var built = (StructColumn)builder.Build();
        Assert.Equal(1, snapshot.Length);
        Assert.Equal(2, built.Length);
        Assert.Equal(0, builder.Length);
    }

    [Fact]
    public void TakeGathersEveryChildAndTheValidity()
    {
        StructColumn column = Build((1, "a"), null, (3, "c"));
        var taken = (StructColumn)ColumnFactory.Take(column, [2, 1, 0]);
        Assert.Equal([3, 0, 1], Ints(taken.Children[0]).Select(v => v ?? 0));
        Assert.True(taken.IsNull(1));
        Assert.False(taken.IsNull(0));
        Assert.Equal("c", ((StringColumn)taken.Children[1]).GetString(0));
    }

    [Fact]
    public void ConcatJoinsPartsAndFillsAPartWithoutFields()
    {
        StructColumn first = Build((1, "a"));
        Column nulls = NullColumns.Create(DataType.Struct, 2);
        StructColumn last = Build((4, "d"));
        var all = (StructColumn)ColumnFactory.Concat(DataType.Struct, [first, nulls, last]);
        Assert.Equal(4, all.Length);
        Assert.Equal(2, all.NullCount);
        Assert.True(all.IsNull(1) && all.IsNull(2));
        Assert.Equal([1, null, null, 4], Ints(all.Children[0]));
        Assert.Equal(["id", "name"], all.Names);
    }

    [Fact]
    public void AFieldOfANullRecordIsNull()
    {
        StructColumn column = Build((1, "a"), null, (3, "c"));
        Column ids = StructKernels.FieldOf(column, 0, column.Length);
        Assert.Equal([1, null, 3], Ints(ids));
        // Without NULL records the child column itself is the field (no copy).
        StructColumn present = Build((1, "a"));
        Assert.Same(present.Children[1], StructKernels.FieldOf(present, 1, 1));
    }

    /// <summary>A record column of (id, name) rows; null is a NULL record.</summary>
    private static StructColumn Build(params (int Id, string? Name)?[] rows)
    {
        var builder = new StructColumnBuilder(s_fields, rows.Length);
        foreach ((int Id, string? Name)? row in rows)
        {
            Append(builder, row);
        }

        return (StructColumn)builder.Build();
    }

    /// <summary>Appends one row.</summary>
    private static void Append(StructColumnBuilder builder, (int Id, string? Name)? row)
    {
        if (row is not { } r)
        {
            builder.AppendNull();
            return;
        }

        ((PrimitiveColumnBuilder<int>)builder.Children[0]).Append(r.Id);
        if (r.Name is null)
        {
            builder.Children[1].AppendNull();
        }
        else
        {
            ((StringColumnBuilder)builder.Children[1]).Append(r.Name);
        }

        builder.EndStruct();
    }

    /// <summary>An int4 column's values, null for NULL.</summary>
    private static int?[] Ints(Column column)
    {
        var values = new int?[column.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = column.IsNull(i) ? null : ((PrimitiveColumn<int>)column).Values[i];
        }

        return values;
    }
}
