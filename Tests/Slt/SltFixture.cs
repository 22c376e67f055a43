using System.IO.Compression;
using System.Text;

namespace IOx.Pg.Tests.Slt;

/// <summary>
/// Reads the data files under Slt/fixtures that .slt write records name with <c>file=</c>. A name
/// ending in <c>.gz</c> is gunzipped: large published sample sets are stored compressed, and after
/// decompression they are byte-identical to the published download.
/// </summary>
public static class SltFixture
{
    /// <summary>The fixture directory beside the copied .slt files in the test output.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Slt", "fixtures");

    /// <summary>The UTF-8 text of fixture <paramref name="name"/> (a file name, no directories).</summary>
    public static string Read(string name)
    {
        // Fixture names are plain file names so a .slt file cannot reach outside the fixture folder.
        if (name.Length == 0 || name != Path.GetFileName(name))
        {
            throw new FormatException($"fixture name \"{name}\" must be a plain file name");
        }

        string path = Path.Combine(Directory, name);
        using FileStream file = File.OpenRead(path);
        if (!name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var plain = new StreamReader(file, Encoding.UTF8);
            return plain.ReadToEnd();
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
