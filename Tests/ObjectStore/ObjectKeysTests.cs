using System.Text;
using IOx.Pg.Storage.ObjectStore;

namespace IOx.Pg.Tests.ObjectStore;

/// <summary>Escaping of user-controlled names in object keys: round trips, containment, case-insensitive distinctness.</summary>
public sealed class ObjectKeysTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("Cpu", "%43pu")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".", "%2E")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("a\0b", "a%00b")]
    [InlineData("50%", "50%25")]
    [InlineData("con", "%63on")]
    [InlineData("NUL.txt", "%4E%55%4C%2Etxt")]
    [InlineData("com1.x", "%63om1%2Ex")]
    [InlineData("é", "%C3%A9")]
    [InlineData("my_db-1", "my_db-1")]
    public void EscapesAsDocumented(string name, string segment)
    {
        Assert.Equal(segment, ObjectKeys.EscapeSegment(name));
        Assert.True(ObjectKeys.TryUnescapeSegment(segment, out string? decoded));
        Assert.Equal(name, decoded);
    }

    [Theory]
    [InlineData("%43PU")]
    [InlineData("%63pu")]
    [InlineData("%2e")]
    [InlineData("con")]
    [InlineData("%4")]
    [InlineData("%")]
    [InlineData("%C3")]
    [InlineData("a.b")]
    [InlineData("A")]
    [InlineData("")]
    public void NonCanonicalOrMalformedSegmentsAreRejected(string segment)
    {
        Assert.False(ObjectKeys.TryUnescapeSegment(segment, out _));
    }

    [Fact]
    public void ParquetKeyRoundTrips()
    {
        var id = Guid.NewGuid();
        string key = ObjectKeys.ParquetFile("My DB", "../cpu", new DateOnly(2024, 2, 29), id);
        Assert.Equal("%4Dy%20%44%42/%2E%2E%2Fcpu/2024-02-29/" + id.ToString("N") + ".parquet", key);
        Assert.True(ObjectKeys.TryParseParquetFile(key, out ParquetObjectKey? parsed));
        Assert.Equal(new ParquetObjectKey("My DB", "../cpu", new DateOnly(2024, 2, 29), id), parsed);
        Assert.False(ObjectKeys.TryParseParquetFile("db/cpu/2024-2-29/" + id.ToString("N") + ".parquet", out _));
        Assert.False(ObjectKeys.TryParseParquetFile("db/cpu/2024-02-29/x.parquet", out _));
        Assert.False(ObjectKeys.TryParseParquetFile("db/cpu/2024-02-29", out _));
    }

    [Fact]
    public void EmptyTooLongAndLoneSurrogateNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ObjectKeys.EscapeSegment(""));
        Assert.Throws<ArgumentException>(() => ObjectKeys.EscapeSegment(new string('A', 100)));
        Assert.Throws<ArgumentException>(() => ObjectKeys.EscapeSegment("a\uD800b"));
        Assert.Equal(255, ObjectKeys.EscapeSegment(new string('a', 255)).Length);
    }

    /// <summary>
    /// Property over many generated hostile names (separators, dots, percent, NUL, upper case,
    /// device names, non-ASCII): the key is valid, decodes to the name, stays under the table's
    /// prefix in the store, and no two names give keys equal ignoring case.
    /// </summary>
    [Fact]
    public async Task GeneratedHostileNamesRoundTripAndStayUnderTheirPrefix()
    {
        using var dir = new TempDirectory();
        var store = new LocalObjectStore(dir.Path);
        var random = new Random(12345);
        string[] pieces = ["..", ".", "/", "\\", "%", "%2F", "%2e", "\0", "A", "a", "Z", "z", "0", " ", ":", "*", "?", "\"", "<", ">", "|", "con", "NUL", "lpt9", "é", "日本", "😀", "\t", "\n", "-", "_", "~", "%25", "..%2F"];
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var day = new DateOnly(2024, 5, 6);
        for (int n = 0; n < 2000; n++)
        {
            var builder = new StringBuilder();
            int count = random.Next(1, 6);
            for (int i = 0; i < count; i++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            string table = builder.ToString();
            string segment = ObjectKeys.EscapeSegment(table);
            if (seen.TryGetValue(segment, out string? other))
            {
                Assert.Equal(other, table);
            }

            seen[segment] = table;
            var id = Guid.NewGuid();
            string key = ObjectKeys.ParquetFile("db", table, day, id);
            ObjectKeys.ValidateKey(key);
            Assert.StartsWith(ObjectKeys.TablePrefix("db", table), key, StringComparison.Ordinal);
            Assert.True(ObjectKeys.TryParseParquetFile(key, out ParquetObjectKey? parsed));
            Assert.Equal(new ParquetObjectKey("db", table, day, id), parsed);

            if (n % 20 == 0)
            {
                // Really stored: the file is inside <root>/db/<segment>/.
                await store.PutAsync(key, new byte[] { 1 });
                string tableDirectory = Path.Combine(dir.Path, "db", segment) + Path.DirectorySeparatorChar;
                string file = Path.GetFullPath(Path.Combine(dir.Path, key));
                Assert.StartsWith(tableDirectory, file, StringComparison.Ordinal);
                Assert.True(File.Exists(file));
                IReadOnlyList<ObjectMeta> listed = await store.ListAsync(ObjectKeys.TablePrefix("db", table));
                Assert.Contains(listed, m => m.Key == key);
                Assert.All(listed, m => Assert.True(ObjectKeys.TryParseParquetFile(m.Key, out ParquetObjectKey? p) && p!.Table == table));
            }
        }

        Assert.True(seen.Count > 1000);
    }
}
