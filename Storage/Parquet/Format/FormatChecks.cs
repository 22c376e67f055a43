using System.Diagnostics.CodeAnalysis;

namespace IOx.Pg.Storage.Parquet.Format;

/// <summary>Validation helpers shared by the parquet.thrift structures.</summary>
internal static class FormatChecks
{
    /// <summary>Throws when a required field was absent.</summary>
    public static void Required(bool present, string field)
    {
        if (!present)
        {
            Fail($"required field {field} is missing");
        }
    }

    /// <summary>Throws a <see cref="ParquetFormatException"/>.</summary>
    [DoesNotReturn]
    public static void Fail(string message) => throw new ParquetFormatException($"Parquet metadata: {message}");
}
