using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IOx.Pg.Bench;

/// <summary>
/// The <c>--name value</c> options of a bench command: parsed once against the names the command
/// knows, read back with the command's defaults. An unknown name is reported with the known ones.
/// </summary>
public sealed class CommandOptions
{
    /// <summary>Values given, by option name.</summary>
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates the options from parsed values.</summary>
    private CommandOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses <paramref name="args"/>; false (with a message on stderr) for a name not in <paramref name="known"/>.</summary>
    public static bool TryParse(string[] args, string[] known, out CommandOptions options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        options = new CommandOptions(values);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (Array.IndexOf(known, args[i]) < 0)
            {
                Console.Error.WriteLine($"unknown option {args[i]}; options: {string.Join(' ', known)}");
                return false;
            }

            values[args[i]] = args[i + 1];
        }

        return true;
    }

    /// <summary>The integer given for <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The number given for <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out string? text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The text given for <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    [return: NotNullIfNotNull(nameof(fallback))]
    public string? Text(string name, string? fallback) => _values.TryGetValue(name, out string? text) ? text : fallback;
}
