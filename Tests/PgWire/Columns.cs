using System.Text;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Builds small columns with the real builders for encoder tests.</summary>
internal static class Columns
{
    /// <summary>A primitive column of <paramref name="type"/> holding <paramref name="values"/>.</summary>
    public static Column Of<T>(DataType type, params T[] values)
        where T : unmanaged => new PrimitiveColumn<T>(type, values, values.Length);

    /// <summary>A boolean column.</summary>
    public static Column Booleans(params bool[] values)
    {
        var builder = (BooleanColumnBuilder)ColumnBuilder.Create(DataType.Boolean, values.Length);
        foreach (bool value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    /// <summary>A plain string column; null entries are NULL.</summary>
    public static Column Strings(params string?[] values)
    {
        var builder = (StringColumnBuilder)ColumnBuilder.Create(DataType.Utf8, values.Length);
        foreach (string? value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(Encoding.UTF8.GetBytes(value));
            }
        }

        return builder.Build();
    }

    /// <summary>A dictionary-encoded string column; null entries are NULL.</summary>
    public static Column Tags(params string?[] values)
    {
        var builder = (DictionaryColumnBuilder)ColumnBuilder.Create(DataType.Utf8, values.Length, dictionary: true);
        foreach (string? value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(Encoding.UTF8.GetBytes(value));
            }
        }

        return builder.Build();
    }
}
