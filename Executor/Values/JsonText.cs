using System.Globalization;
using System.Text;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// json_in and jsonb_in over text. json keeps its input verbatim once it parses; jsonb is printed
/// as jsonb_out does: object keys sorted by length then bytes with the last of duplicate keys
/// kept, <c>": "</c> and <c>", "</c> between items, strings re-escaped, numbers as numeric prints
/// them. Malformed input is 22P02 "invalid input syntax for type json" with PostgreSQL's detail.
/// Catalog-sized inputs (parameters, casts): the parser allocates per value and is not a data path.
/// </summary>
public sealed class JsonText
{
    /// <summary>The input.</summary>
    private readonly string _text;

    /// <summary>Whether the output (jsonb's text) is built; json only validates.</summary>
    private readonly bool _normalize;

    /// <summary>Next character to read.</summary>
    private int _pos;

    /// <summary>Starts a parse of <paramref name="text"/>.</summary>
    private JsonText(string text, bool normalize)
    {
        _text = text;
        _normalize = normalize;
    }

    /// <summary>json_in: <paramref name="text"/> itself when it is JSON, else 22P02.</summary>
    public static string ParseJson(string text)
    {
        new JsonText(text, normalize: false).ParseDocument();
        return text;
    }

    /// <summary>jsonb_in then jsonb_out: the normalized text of <paramref name="text"/>, else 22P02 (22P05 for \u0000).</summary>
    public static string ParseJsonb(string text) => new JsonText(text, normalize: true).ParseDocument();

    /// <summary>The text of a valid JSON string literal (quotes included), unescaped.</summary>
    public static string DecodeString(string quoted) => new JsonText(quoted, normalize: false).ParseString();

    /// <summary>One value and the end of input.</summary>
    private string ParseDocument()
    {
        SkipSpace();
        string value = ParseValue();
        SkipSpace();
        if (_pos < _text.Length)
        {
            throw Error($"Expected end of input, but found \"{Token()}\".");
        }

        return value;
    }

    /// <summary>A value at the current position (whitespace skipped).</summary>
    private string ParseValue()
    {
        if (_pos >= _text.Length)
        {
            throw Error("The input string ended unexpectedly.");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
            {
                string s = ParseString();
                return _normalize ? Quote(s) : string.Empty;
            }

            case '-' or (>= '0' and <= '9'):
                return ParseNumber();
        }

        string token = Token();
        if (token is "true" or "false" or "null")
        {
            _pos += token.Length;
            return token;
        }

        throw token.Length > 0 && (IsAlphanumeric(token[0]) || token.Length > 1)
            ? Error($"Token \"{token}\" is invalid.")
            : Error($"Expected JSON value, but found \"{token}\".");
    }

    /// <summary>An object; jsonb's keys sorted (length, then UTF-8 bytes), the last duplicate kept.</summary>
    private string ParseObject()
    {
        _pos++;
        SkipSpace();
        var members = new List<(byte[] Key, string KeyText, string Value)>();
        if (Peek() == '}')
        {
            _pos++;
            return "{}";
        }

        while (true)
        {
            if (Peek() != '"')
            {
                throw _pos >= _text.Length ? Error("The input string ended unexpectedly.") : Error($"Expected string{(members.Count == 0 ? " or \"}\"" : string.Empty)}, but found \"{Token()}\".");
            }

            string key = ParseString();
            SkipSpace();
            if (Peek() != ':')
            {
                throw _pos >= _text.Length ? Error("The input string ended unexpectedly.") : Error($"Expected \":\", but found \"{Token()}\".");
            }

            _pos++;
            SkipSpace();
            string value = ParseValue();
            if (_normalize)
            {
                members.Add((Encoding.UTF8.GetBytes(key), key, value));
            }

            SkipSpace();
            char next = Peek();
            _pos++;
            if (next == '}')
            {
                break;
            }

            if (next != ',')
            {
                _pos--;
                throw _pos >= _text.Length ? Error("The input string ended unexpectedly.") : Error($"Expected \",\" or \"}}\", but found \"{Token()}\".");
            }

            SkipSpace();
        }

        if (!_normalize)
        {
            return string.Empty;
        }

        // A stable sort keeps duplicates in input order, so the last of a run of equal keys wins.
        var order = new List<int>(members.Count);
        for (int i = 0; i < members.Count; i++)
        {
            order.Add(i);
        }

        order.Sort((a, b) =>
        {
            int byKey = CompareKeys(members[a].Key, members[b].Key);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        var sb = new StringBuilder("{");
        bool first = true;
        for (int i = 0; i < order.Count; i++)
        {
            if (i + 1 < order.Count && CompareKeys(members[order[i]].Key, members[order[i + 1]].Key) == 0)
            {
                continue;
            }

            (_, string keyText, string value) = members[order[i]];
            sb.Append(first ? string.Empty : ", ").Append(Quote(keyText)).Append(": ").Append(value);
            first = false;
        }

        return sb.Append('}').ToString();
    }

    /// <summary>jsonb's key order: shorter first, then bytewise.</summary>
    private static int CompareKeys(byte[] a, byte[] b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.AsSpan().SequenceCompareTo(b);

    /// <summary>An array.</summary>
    private string ParseArray()
    {
        _pos++;
        SkipSpace();
        if (Peek() == ']')
        {
            _pos++;
            return "[]";
        }

        var sb = _normalize ? new StringBuilder("[") : null;
        bool first = true;
        while (true)
        {
            string value = ParseValue();
            sb?.Append(first ? string.Empty : ", ").Append(value);
            first = false;
            SkipSpace();
            char next = Peek();
            _pos++;
            if (next == ']')
            {
                break;
            }

            if (next != ',')
            {
                _pos--;
                throw _pos >= _text.Length ? Error("The input string ended unexpectedly.") : Error($"Expected \",\" or \"]\", but found \"{Token()}\".");
            }

            SkipSpace();
        }

        return sb is null ? string.Empty : sb.Append(']').ToString();
    }

    /// <summary>A string literal, decoded.</summary>
    private string ParseString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("The input string ended unexpectedly.");
            }

            char c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c < 0x20)
            {
                throw Error($"Character with value 0x{((int)c).ToString("x2", CultureInfo.InvariantCulture)} must be escaped.");
            }

            if (c != '\\')
            {
                sb.Append(c);
                _pos++;
                continue;
            }

            if (_pos + 1 >= _text.Length)
            {
                throw Error("The input string ended unexpectedly.");
            }

            char e = _text[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case '"' or '\\' or '/':
                    sb.Append(e);
                    break;
                case 'b':
                    sb.Append('\b');
                    break;
                case 'f':
                    sb.Append('\f');
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'u':
                    AppendUnicodeEscape(sb);
                    break;
                default:
                    throw Error($"Escape sequence \"\\{e}\" is invalid.");
            }
        }
    }

    /// <summary>\uXXXX (the "\u" already read), with surrogate pairs combined as PostgreSQL requires.</summary>
    private void AppendUnicodeEscape(StringBuilder sb)
    {
        int code = ReadHex4();
        if (char.IsHighSurrogate((char)code))
        {
            if (_pos + 1 < _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u')
            {
                _pos += 2;
                int low = ReadHex4();
                if (!char.IsLowSurrogate((char)low))
                {
                    throw Error(char.IsHighSurrogate((char)low) ? "Unicode high surrogate must not follow a high surrogate." : "Unicode low surrogate must follow a high surrogate.");
                }

                sb.Append((char)code).Append((char)low);
                return;
            }

            throw Error("Unicode low surrogate must follow a high surrogate.");
        }

        if (char.IsLowSurrogate((char)code))
        {
            throw Error("Unicode low surrogate must follow a high surrogate.");
        }

        if (code == 0 && _normalize)
        {
            throw new SqlException(SqlState.UntranslatableCharacter, "unsupported Unicode escape sequence", detail: "\\u0000 cannot be converted to text.");
        }

        sb.Append((char)code);
    }

    /// <summary>Four hex digits after \u.</summary>
    private int ReadHex4()
    {
        int code = 0;
        for (int i = 0; i < 4; i++)
        {
            if (_pos >= _text.Length || !char.IsAsciiHexDigit(_text[_pos]))
            {
                throw Error("\"\\u\" must be followed by four hexadecimal digits.");
            }

            code = (code << 4) | Convert.ToInt32(_text[_pos].ToString(), 16);
            _pos++;
        }

        return code;
    }

    /// <summary>A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? not followed by an alphanumeric; jsonb prints it as numeric does.</summary>
    private string ParseNumber()
    {
        int start = _pos;
        int p = _pos;
        if (p < _text.Length && _text[p] == '-')
        {
            p++;
        }

        bool ok = p < _text.Length && char.IsAsciiDigit(_text[p]);
        if (ok && _text[p] == '0')
        {
            p++;
        }
        else
        {
            while (p < _text.Length && char.IsAsciiDigit(_text[p]))
            {
                p++;
            }
        }

        if (ok && p < _text.Length && _text[p] == '.')
        {
            p++;
            ok = p < _text.Length && char.IsAsciiDigit(_text[p]);
            while (p < _text.Length && char.IsAsciiDigit(_text[p]))
            {
                p++;
            }
        }

        if (ok && p < _text.Length && _text[p] is 'e' or 'E')
        {
            p++;
            if (p < _text.Length && _text[p] is '+' or '-')
            {
                p++;
            }

            ok = p < _text.Length && char.IsAsciiDigit(_text[p]);
            while (p < _text.Length && char.IsAsciiDigit(_text[p]))
            {
                p++;
            }
        }

        if (!ok || (p < _text.Length && IsAlphanumeric(_text[p])))
        {
            while (p < _text.Length && (IsAlphanumeric(_text[p]) || _text[p] is '.' or '-' or '+'))
            {
                p++;
            }

            throw Error($"Token \"{_text[start..p]}\" is invalid.");
        }

        _pos = p;
        return _normalize ? NumericText(_text[start..p]) : string.Empty;
    }

    /// <summary>numeric_out of a JSON number: the exponent applied, the scale kept (1.50e1 is 15.0), -0 is 0.</summary>
    internal static string NumericText(string number)
    {
        bool negative = number[0] == '-';
        string body = negative ? number[1..] : number;
        int e = body.IndexOfAny(['e', 'E']);
        int exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? body : body[..e];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int fraction = dot < 0 ? 0 : mantissa.Length - dot - 1;
        int scale = Math.Max(0, fraction - exponent);

        // value = digits × 10^(exponent - fraction); printed with `scale` fraction digits.
        int shift = exponent - fraction + scale;
        string all = digits + new string('0', shift);
        if (all.Length <= scale)
        {
            all = new string('0', scale - all.Length + 1) + all;
        }

        string integer = all[..^scale].TrimStart('0');
        string text = (integer.Length == 0 ? "0" : integer) + (scale > 0 ? "." + all[^scale..] : string.Empty);
        return negative && text.AsSpan().IndexOfAnyExcept("0.") >= 0 ? "-" + text : text;
    }

    /// <summary>escape_json: quotes, backslash, \b \f \n \r \t, other control characters as \u00XX.</summary>
    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>The token at the current position as PostgreSQL's lexer cuts it (for messages).</summary>
    private string Token()
    {
        if (_pos >= _text.Length)
        {
            return string.Empty;
        }

        char c = _text[_pos];
        if (c == '"')
        {
            int end = _pos + 1;
            while (end < _text.Length && _text[end] != '"')
            {
                end += _text[end] == '\\' ? 2 : 1;
            }

            return _text[_pos..Math.Min(end + 1, _text.Length)];
        }

        if (!IsAlphanumeric(c))
        {
            return c.ToString();
        }

        int p = _pos;
        while (p < _text.Length && IsAlphanumeric(_text[p]))
        {
            p++;
        }

        return _text[_pos..p];
    }

    /// <summary>PostgreSQL's JSON_ALPHANUMERIC_CHAR: letters, digits, _ and any non-ASCII character.</summary>
    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 0x80;

    /// <summary>The next character, or NUL at the end.</summary>
    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    /// <summary>Skips JSON whitespace.</summary>
    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    /// <summary>22P02 with <paramref name="detail"/>.</summary>
    private static SqlException Error(string detail) =>
        new(SqlState.InvalidTextRepresentation, "invalid input syntax for type json", detail: detail);
}
