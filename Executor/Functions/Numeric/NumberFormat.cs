using System.Globalization;
using System.Text;

namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>
/// A to_char template for numbers (PostgreSQL's numeric template patterns): 9 (digit, blank when
/// a leading zero), 0 (digit, zero kept; a 0 makes every digit position after it zero-filled),
/// . and D (decimal point), , and G (group separator, blank before the first digit), S (sign,
/// + or -), MI (- or blank), PL (+ or blank), SG (+ or -), FM (no padding blanks, no trailing
/// zeros from 9 positions after the point); other characters and "quoted text" are copied.
/// Without S / MI / SG a sign position floats just before the first digit ('-' or a blank). The
/// value is rounded half away from zero to the template's decimals; an integer part with more
/// digits than the template has is printed as '#' in every digit position, as PostgreSQL.
/// EEEE, V, RN, PR, L and TH are not built (<see cref="Parse"/> gives null).
/// </summary>
public sealed class NumberFormat
{
    /// <summary>The template's elements.</summary>
    private readonly List<Token> _tokens;

    /// <summary>Digit positions before the decimal point.</summary>
    private readonly int _before;

    /// <summary>Digit positions after it.</summary>
    private readonly int _after;

    /// <summary>Whether the template has a decimal point.</summary>
    private readonly bool _point;

    /// <summary>Index (among the positions before the point) of the first 0, or -1.</summary>
    private readonly int _zeroStart;

    /// <summary>FM given.</summary>
    private readonly bool _fill;

    /// <summary>S, MI or SG given (no floating sign position then).</summary>
    private readonly bool _explicitSign;

    /// <summary>Creates the format.</summary>
    private NumberFormat(List<Token> tokens, int before, int after, bool point, int zeroStart, bool fill, bool explicitSign)
    {
        _tokens = tokens;
        _before = before;
        _after = after;
        _point = point;
        _zeroStart = zeroStart;
        _fill = fill;
        _explicitSign = explicitSign;
    }

    /// <summary>Parses a template; null when it uses a pattern that is not built.</summary>
    public static NumberFormat? Parse(string template)
    {
        var tokens = new List<Token>();
        int before = 0, after = 0, zeroStart = -1;
        bool point = false, fill = false, explicitSign = false;
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            string rest = template[i..].ToUpperInvariant();
            if (c is '9' or '0')
            {
                if (point)
                {
                    after++;
                }
                else
                {
                    if (c == '0' && zeroStart < 0)
                    {
                        zeroStart = before;
                    }

                    before++;
                }

                tokens.Add(new Token(c == '9' ? Kind.Nine : Kind.Zero, ""));
                i++;
            }
            else if (c == '.' || rest.StartsWith('D'))
            {
                if (point)
                {
                    return null;
                }

                point = true;
                tokens.Add(new Token(Kind.Point, ""));
                i++;
            }
            else if (c == ',' || rest.StartsWith('G'))
            {
                tokens.Add(new Token(Kind.Group, ""));
                i++;
            }
            else if (rest.StartsWith("FM", StringComparison.Ordinal))
            {
                fill = true;
                i += 2;
            }
            else if (rest.StartsWith("MI", StringComparison.Ordinal) || rest.StartsWith("PL", StringComparison.Ordinal) || rest.StartsWith("SG", StringComparison.Ordinal))
            {
                Kind kind = rest[0] == 'M' ? Kind.Minus : rest[0] == 'P' ? Kind.Plus : Kind.SignAlways;
                explicitSign |= kind != Kind.Plus;
                tokens.Add(new Token(kind, ""));
                i += 2;
            }
            else if (rest.StartsWith('S'))
            {
                explicitSign = true;
                tokens.Add(new Token(Kind.Sign, ""));
                i++;
            }
            else if (rest.StartsWith("EEEE", StringComparison.Ordinal) || rest.StartsWith('V') || rest.StartsWith("RN", StringComparison.Ordinal)
                || rest.StartsWith("PR", StringComparison.Ordinal) || rest.StartsWith('L') || rest.StartsWith("TH", StringComparison.Ordinal))
            {
                return null;
            }
            else if (c == '"')
            {
                int end = template.IndexOf('"', i + 1);
                end = end < 0 ? template.Length : end;
                tokens.Add(new Token(Kind.Literal, template[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                tokens.Add(new Token(Kind.Literal, c.ToString()));
                i++;
            }
        }

        return new NumberFormat(tokens, before, after, point, zeroStart, fill, explicitSign);
    }

    /// <summary>Appends <paramref name="value"/> formatted; null is an overflowing value (a float past decimal's range).</summary>
    public void Format(decimal? value, StringBuilder output)
    {
        decimal rounded = value is null ? 0 : Math.Round(value.Value, Math.Min(_after, 28), MidpointRounding.AwayFromZero);
        bool negative = rounded < 0;
        decimal abs = Math.Abs(rounded);
        decimal whole = decimal.Truncate(abs);
        string integer = whole.ToString(CultureInfo.InvariantCulture);
        if (integer == "0")
        {
            // PostgreSQL prints no "0" before the point when decimals follow (to_char(0.5, '9.99') is "  .50").
            integer = _point && _after > 0 ? "" : "0";
        }

        string fraction = _after == 0 ? "" : decimal.Truncate((abs - whole) * Pow10(_after)).ToString(CultureInfo.InvariantCulture).PadLeft(_after, '0');
        bool overflow = value is null || integer.Length > _before;
        int signAt = -1;
        int position = 0;
        int afterIndex = 0;
        int trimmable = 0;
        bool pointSeen = false;
        bool floatingPlus = false;
        foreach (Token token in _tokens)
        {
            switch (token.Kind)
            {
                case Kind.Nine or Kind.Zero when !pointSeen:
                {
                    int digit = position - (_before - integer.Length);
                    char c = overflow ? '#' : digit >= 0 ? integer[digit] : _zeroStart >= 0 && position >= _zeroStart ? '0' : ' ';
                    position++;
                    if (c == ' ')
                    {
                        if (!_fill)
                        {
                            output.Append(' ');
                        }

                        break;
                    }

                    signAt = signAt < 0 ? output.Length : signAt;
                    output.Append(c);
                    break;
                }

                case Kind.Nine or Kind.Zero:
                {
                    char c = overflow ? '#' : fraction[afterIndex];
                    afterIndex++;
                    output.Append(c);
                    trimmable = token.Kind == Kind.Nine && c == '0' ? trimmable + 1 : 0;
                    break;
                }

                case Kind.Point:
                    pointSeen = true;
                    signAt = signAt < 0 ? output.Length : signAt;
                    output.Append('.');
                    trimmable = 0;
                    break;
                case Kind.Group:
                    if (signAt >= 0)
                    {
                        output.Append(',');
                    }
                    else if (!_fill)
                    {
                        output.Append(' ');
                    }

                    break;
                case Kind.Sign when signAt < 0 && position == 0:
                    // S in front floats to the first digit, like the implicit sign, but shows + too.
                    floatingPlus = true;
                    break;
                case Kind.Sign or Kind.SignAlways:
                    output.Append(negative ? '-' : '+');
                    break;
                case Kind.Minus:
                    output.Append(negative ? "-" : _fill ? "" : " ");
                    break;
                case Kind.Plus:
                    output.Append(negative ? (_fill ? "" : " ") : "+");
                    break;
                default:
                    output.Append(token.Text);
                    break;
            }
        }

        if (_fill && trimmable > 0)
        {
            output.Length -= trimmable;
        }

        if (!_explicitSign || floatingPlus)
        {
            string sign = negative ? "-" : floatingPlus ? "+" : _fill ? "" : " ";
            output.Insert(signAt < 0 ? output.Length : signAt, sign);
        }
    }

    /// <summary>10^n as a decimal.</summary>
    private static decimal Pow10(int n)
    {
        decimal result = 1;
        for (int i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>A template element.</summary>
    private enum Kind
    {
        Nine,
        Zero,
        Point,
        Group,
        Sign,
        Minus,
        Plus,
        SignAlways,
        Literal,
    }

    /// <summary>One element; <see cref="Text"/> for literals.</summary>
    private sealed record Token(Kind Kind, string Text);
}
