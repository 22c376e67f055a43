using System.Globalization;
using System.Text;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;
using IOx.Pg.Tests.LineProtocol;

namespace IOx.Pg.Tests.Wal;

/// <summary>The whole content of a write buffer as text: databases, tables, columns with type and role, and every row in stored order.</summary>
internal static class BufferDump
{
    /// <summary>Dumps <paramref name="buffer"/>.</summary>
    public static string Of(WriteBuffer buffer)
    {
        var text = new StringBuilder();
        foreach (string databaseName in buffer.DatabaseNames)
        {
            buffer.TryGetDatabase(databaseName, out DatabaseBuffer? database);
            text.Append("database ").AppendLine(databaseName);
            foreach (string tableName in database!.TableNames)
            {
                database.TryGetTable(tableName, out TableBuffer? table);
                Schema schema = table!.Schema;
                text.Append("  table ").AppendLine(tableName);
                var columns = new List<List<object?>>();
                foreach (Field field in schema.Fields)
                {
                    text.Append("    ").Append(field.Name).Append(' ').Append(field.Type).Append(' ').Append(field.Role).AppendLine();
                    columns.Add(StoredValues.Column(table, field.Name));
                }

                for (int row = 0; row < (columns.Count == 0 ? 0 : columns[0].Count); row++)
                {
                    text.Append("    |");
                    foreach (List<object?> column in columns)
                    {
                        text.Append(' ').Append(column[row] is null ? "NULL" : Convert.ToString(column[row], CultureInfo.InvariantCulture)).Append(" |");
                    }

                    text.AppendLine();
                }
            }
        }

        return text.ToString();
    }
}
