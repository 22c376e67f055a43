namespace IOx.Pg.Tests.PgWire;

/// <summary>Hex strings (spaces ignored) to bytes, for byte-exact expectations.</summary>
internal static class Hex
{
    /// <summary>Parses "0A 0b0C" into bytes.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
