using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// One typed SQL value, used at plan time (literals, folded constants, IN lists) and never per
/// row. <see cref="Value"/> holds the CLR representation of <see cref="Type"/>: bool, short, int,
/// long (Int64, Timestamp, TimestampNoTz), ulong, float, double, decimal, string, Interval, int
/// (Date), and for List a <see cref="Column"/> holding the array's elements; null means SQL NULL.
/// </summary>
public sealed class ScalarValue
{
    /// <summary>Creates a value; <paramref name="value"/> must match <paramref name="type"/>'s CLR representation.</summary>
    public ScalarValue(DataType type, object? value)
    {
        Type = type;
        Value = value;
    }

    /// <summary>An array value (private: a public overload would capture <c>new ScalarValue(type, null)</c>).</summary>
    private ScalarValue(DataType elementType, Column? elements, bool array)
    {
        Type = array ? DataType.List : elementType;
        ElementType = elementType;
        Value = elements;
    }

    /// <summary>An array value: <paramref name="elements"/> (a column of the element type) or null for a NULL array.</summary>
    public static ScalarValue Array(DataType elementType, Column? elements) => new(elementType, elements, array: true);

    /// <summary>For an array (<see cref="Type"/> List), the element type; otherwise Null.</summary>
    public DataType ElementType { get; }

    /// <summary>The SQL type.</summary>
    public DataType Type { get; }

    /// <summary>The value, or null for SQL NULL.</summary>
    public object? Value { get; }

    /// <summary>Whether this is SQL NULL.</summary>
    public bool IsNull => Value is null;

    /// <summary>A NULL of <paramref name="type"/>.</summary>
    public static ScalarValue Null(DataType type) => new(type, null);

    /// <summary>The value as a 64-bit integer (Int16/Int32/Int64/Timestamp/Date); only for non-null integral types.</summary>
    public long AsInt64() => Value switch
    {
        short s => s,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException($"not integral: {Type}"),
    };

    /// <summary>The value as PostgreSQL would print it in text output (plan printing and ::text).</summary>
    public override string ToString() => IsNull ? "NULL" : Type == DataType.List ? ArrayText.Format((Column)Value!) : ValueText.Format(Type, Value!);
}
