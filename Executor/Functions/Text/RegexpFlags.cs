using System.Text.RegularExpressions;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// PostgreSQL's regular-expression flags (Table 9.24) as .NET options. Without flags PostgreSQL's
/// '.' matches a newline and ^/$ anchor at the ends of the text only (Singleline, not Multiline).
/// i / c: case-insensitive / sensitive (the last wins); n or m: newline-sensitive ('.' stops at
/// newlines, ^/$ match at lines); p: partial (only '.' stops); w: inverse partial (only ^/$ at lines);
/// s: not newline-sensitive (the default); x: expanded syntax; q: the pattern is a literal string;
/// e and t: the defaults (extended, tight syntax); g: every match (regexp_replace only). b (basic
/// regular expressions) is 0A000; any other letter is PostgreSQL's 22023 error. The one known
/// difference in newline-sensitive modes: a negated bracket such as [^a] still matches a newline.
/// </summary>
public readonly record struct RegexpFlags(RegexOptions Options, bool Global, bool Literal)
{
    /// <summary>Parses <paramref name="flags"/> for <paramref name="function"/>; <paramref name="allowGlobal"/> is false for regexp_like.</summary>
    public static RegexpFlags Parse(ReadOnlySpan<char> flags, string function, bool allowGlobal)
    {
        bool caseInsensitive = false;
        bool dotStopsAtNewline = false;
        bool anchorsAtLines = false;
        bool expanded = false;
        bool global = false;
        bool literal = false;
        foreach (char f in flags)
        {
            switch (f)
            {
                case 'i':
                    caseInsensitive = true;
                    break;
                case 'c':
                    caseInsensitive = false;
                    break;
                case 'n' or 'm':
                    dotStopsAtNewline = true;
                    anchorsAtLines = true;
                    break;
                case 's':
                    dotStopsAtNewline = false;
                    anchorsAtLines = false;
                    break;
                case 'p':
                    dotStopsAtNewline = true;
                    anchorsAtLines = false;
                    break;
                case 'w':
                    dotStopsAtNewline = false;
                    anchorsAtLines = true;
                    break;
                case 'x':
                    expanded = true;
                    break;
                case 'q':
                    literal = true;
                    break;
                case 'e' or 't':
                    break;
                case 'g' when allowGlobal:
                    global = true;
                    break;
                case 'g':
                    throw new SqlException(SqlState.InvalidParameterValue, $"{function}() does not support the \"global\" option",
                        hint: "Use the regexp_matches function instead.");
                case 'b':
                    throw SqlException.NotSupported("basic regular expressions (flag \"b\")");
                default:
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid regular expression option: \"{f}\"");
            }
        }

        RegexOptions options = RegexOptions.CultureInvariant
            | (caseInsensitive ? RegexOptions.IgnoreCase : RegexOptions.None)
            | (dotStopsAtNewline ? RegexOptions.None : RegexOptions.Singleline)
            | (anchorsAtLines ? RegexOptions.Multiline : RegexOptions.None)
            | (expanded && !literal ? RegexOptions.IgnorePatternWhitespace : RegexOptions.None);
        return new RegexpFlags(options, global, literal);
    }
}
