using System.Text;
using System.Text.RegularExpressions;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// The evaluation state of one regexp_like / regexp_replace call: the compiled regular expression
/// of the current (pattern, flags) pair and reused UTF-16 buffers. A function takes it for the
/// length of one batch (so concurrent evaluations never share one) and puts it back. Patterns are almost always constants, so only the last pair is kept: a row with the same
/// bytes reuses it (a span comparison, no allocation); a new pair compiles once. Patterns run on
/// .NET's engine, as the ~ operator does (PostgreSQL's advanced regular expressions agree for the
/// common syntax), with a per-match timeout so a pathological pattern cannot hang a session.
/// </summary>
public sealed class RegexpCache(string function, bool allowGlobal)
{
    /// <summary>How long one match may run before the statement fails.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The pattern bytes of <see cref="_regex"/>.</summary>
    private byte[] _pattern = [];

    /// <summary>The flag bytes of <see cref="_regex"/>.</summary>
    private byte[] _flags = [];

    /// <summary>The compiled expression of the cached pair; null before the first row.</summary>
    private Regex? _regex;

    /// <summary>The parsed flags of the cached pair.</summary>
    private RegexpFlags _parsed;

    /// <summary>Reused UTF-16 buffer for the text being matched.</summary>
    private char[] _source = new char[256];

    /// <summary>Reused UTF-16 buffer for a replacement.</summary>
    private char[] _replacement = new char[64];

    /// <summary>Decodes the text being matched into the reused buffer.</summary>
    public ReadOnlySpan<char> DecodeSource(ReadOnlySpan<byte> utf8) => RegexpText.Decode(utf8, ref _source);

    /// <summary>Decodes a replacement into its reused buffer.</summary>
    public ReadOnlySpan<char> DecodeReplacement(ReadOnlySpan<byte> utf8) => RegexpText.Decode(utf8, ref _replacement);

    /// <summary>The expression and flags for UTF-8 <paramref name="pattern"/> and <paramref name="flags"/>.</summary>
    public Regex Get(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> flags, out RegexpFlags parsed)
    {
        if (_regex is null || !pattern.SequenceEqual(_pattern) || !flags.SequenceEqual(_flags))
        {
            _parsed = RegexpFlags.Parse(Encoding.UTF8.GetString(flags), function, allowGlobal);
            string text = Encoding.UTF8.GetString(pattern);
            _regex = Compile(_parsed.Literal ? Regex.Escape(text) : text, _parsed.Options);
            _pattern = pattern.ToArray();
            _flags = flags.ToArray();
        }

        parsed = _parsed;
        return _regex;
    }

    /// <summary>Compiles, turning .NET's syntax error into PostgreSQL's 2201B.</summary>
    private static Regex Compile(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SqlException(SqlState.InvalidRegularExpression, $"invalid regular expression: {e.Message}");
        }
    }

    /// <summary>The statement-ending error for a match that ran past <see cref="MatchTimeout"/>.</summary>
    public static SqlException Timeout() => new(SqlState.QueryCanceled, "canceling statement: regular expression match took too long");
}
