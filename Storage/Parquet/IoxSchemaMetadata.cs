using System.Text.Json;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Format;

namespace IOx.Pg.Storage.Parquet;

/// <summary>
/// Our schema in the file's key-value metadata, so a file read back has the same column roles
/// (tag, field, time) and logical types it was written with. <c>iox.schema</c> holds
/// <c>{"version":1,"columns":[{"name":..,"type":"Utf8","role":"Tag"},..]}</c>; <c>iox.tags</c>
/// holds the tag names as a JSON list, for tools that only want those.
/// </summary>
public static class IoxSchemaMetadata
{
    /// <summary>The key-value entries describing <paramref name="schema"/>.</summary>
    public static List<KeyValue> Create(Schema schema)
    {
        using var schemaJson = new MemoryStream();
        using (var writer = new Utf8JsonWriter(schemaJson))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", ParquetConstants.SchemaMetadataVersion);
            writer.WriteStartArray("columns");
            foreach (Field field in schema.Fields)
            {
                writer.WriteStartObject();
                writer.WriteString("name", field.Name);
                writer.WriteString("type", field.Type.ToString());
                writer.WriteString("role", field.Role.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var tagsJson = new MemoryStream();
        using (var writer = new Utf8JsonWriter(tagsJson))
        {
            writer.WriteStartArray();
            foreach (Field field in schema.Fields)
            {
                if (field.Role == ColumnRole.Tag)
                {
                    writer.WriteStringValue(field.Name);
                }
            }

            writer.WriteEndArray();
        }

        return
        [
            new KeyValue { Key = ParquetConstants.SchemaKey, Value = System.Text.Encoding.UTF8.GetString(schemaJson.ToArray()) },
            new KeyValue { Key = ParquetConstants.TagsKey, Value = System.Text.Encoding.UTF8.GetString(tagsJson.ToArray()) },
        ];
    }

    /// <summary>
    /// The roles recorded in <paramref name="metadata"/> by column name, or an empty map when the
    /// file was not written by us (then every column reads with role None). Malformed JSON is a
    /// format error: a file claiming to be ours must be consistent.
    /// </summary>
    public static Dictionary<string, ColumnRole> ReadRoles(IReadOnlyList<KeyValue>? metadata)
    {
        var roles = new Dictionary<string, ColumnRole>(StringComparer.Ordinal);
        if (metadata is null)
        {
            return roles;
        }

        foreach (KeyValue entry in metadata)
        {
            if (entry.Key != ParquetConstants.SchemaKey || entry.Value is null)
            {
                continue;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(entry.Value);
                int version = document.RootElement.GetProperty("version").GetInt32();
                if (version != ParquetConstants.SchemaMetadataVersion)
                {
                    throw new ParquetFormatException($"{ParquetConstants.SchemaKey} version {version} is not supported");
                }

                foreach (JsonElement column in document.RootElement.GetProperty("columns").EnumerateArray())
                {
                    string name = column.GetProperty("name").GetString() ?? "";
                    string role = column.GetProperty("role").GetString() ?? "";
                    roles[name] = Enum.TryParse(role, out ColumnRole parsed) ? parsed : ColumnRole.None;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ParquetFormatException($"{ParquetConstants.SchemaKey} metadata is malformed: {e.Message}", e);
            }
        }

        return roles;
    }
}
