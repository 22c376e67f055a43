using IOx.Pg.Planner.Engine;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Compat.Statements;

/// <summary>Builds the small all-text results of SHOW.</summary>
internal static class TextRows
{
    /// <summary>A result with text columns <paramref name="names"/> and <paramref name="rows"/> (each as many values as columns).</summary>
    public static QueryResult Build(string commandTag, string[] names, IReadOnlyList<string[]> rows)
    {
        var columns = new ResultColumn[names.Length];
        var fields = new Field[names.Length];
        var data = new Column[names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            columns[c] = new ResultColumn(names[c], DataType.Utf8);
            fields[c] = new Field(names[c], DataType.Utf8);
            var builder = new StringColumnBuilder(rows.Count);
            foreach (string[] row in rows)
            {
                builder.Append(row[c]);
            }

            data[c] = builder.Build();
        }

        RecordBatch batch = new(new Schema(fields), data, rows.Count);
        return new QueryResult(columns, [batch], commandTag, appendRowCount: false);
    }
}
