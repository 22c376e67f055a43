using System.Globalization;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// A segment file on disk: its path and the sequence number in its name
/// (<c>&lt;20-digit first sequence&gt;.wal</c>, so that names sort in log order).
/// </summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="FirstSequence">Sequence number in the file name.</param>
public readonly record struct WalSegmentFile(string Path, ulong FirstSequence)
{
    /// <summary>The file name of the segment starting at <paramref name="firstSequence"/>.</summary>
    public static string FileName(ulong firstSequence) =>
        firstSequence.ToString("D" + WalFormat.SegmentNameDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + WalFormat.SegmentExtension;

    /// <summary>
    /// The segments in <paramref name="directory"/>, in log order. Files with other names
    /// (for example set-aside <c>.corrupt</c> copies) are not segments and are ignored.
    /// </summary>
    public static List<WalSegmentFile> List(string directory)
    {
        var segments = new List<WalSegmentFile>();
        if (!Directory.Exists(directory))
        {
            return segments;
        }

        foreach (string path in Directory.EnumerateFiles(directory, "*" + WalFormat.SegmentExtension))
        {
            string name = System.IO.Path.GetFileName(path);
            ReadOnlySpan<char> digits = name.AsSpan(0, name.Length - WalFormat.SegmentExtension.Length);
            if (name.EndsWith(WalFormat.SegmentExtension, StringComparison.Ordinal)
                && digits.Length == WalFormat.SegmentNameDigits
                && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong first))
            {
                segments.Add(new WalSegmentFile(path, first));
            }
        }

        segments.Sort(static (a, b) => a.FirstSequence.CompareTo(b.FirstSequence));
        return segments;
    }
}
