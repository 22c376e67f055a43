using System.Globalization;
using System.Text;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// Splits a query string into tokens, following PostgreSQL's lexical rules: unquoted identifiers
/// fold to lower case, "quoted" ones keep their case ("" escapes a quote), strings are '...' with ''
/// (E'...' with backslash escapes, $tag$...$tag$ dollar quoting), -- and nested /* */ comments are
/// skipped, and an operator is the longest run of operator characters, where a trailing + or - is
/// split off unless the run holds one of ~ ! @ # % ^ &amp; | ` ? (so 1*-2 lexes as *, -). Errors are
/// 42601 with the 1-based position.
/// </summary>
public sealed class Lexer
{
    /// <summary>The characters operators are made of.</summary>
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    /// <summary>The query string.</summary>
    private readonly string _text;

    /// <summary>Current position.</summary>
    private int _pos;

    /// <summary>Creates a lexer over <paramref name="text"/>.</summary>
    public Lexer(string text) => _text = text;

    /// <summary>All tokens, ending with an <see cref="TokenKind.End"/> token.</summary>
    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        while (true)
        {
            Token token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    /// <summary>The next token.</summary>
    public Token Next()
    {
        SkipSpaceAndComments();
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.End, "", _text.Length, _text.Length);
        }

        int start = _pos;
        char c = _text[_pos];
        if ((c == 'e' || c == 'E') && Peek(1) == '\'')
        {
            _pos++;
            return Make(TokenKind.String, ReadString(start, escapes: true), start);
        }

        if (char.IsLetter(c) || c == '_' || c > 127)
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '$' || _text[_pos] > 127))
            {
                _pos++;
            }

            return Make(TokenKind.Identifier, _text[start.._pos].ToLowerInvariant(), start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber(start);
        }

        switch (c)
        {
            case '\'':
                return Make(TokenKind.String, ReadString(start, escapes: false), start);
            case '"':
                return ReadQuotedIdentifier(start);
            case '$' when char.IsAsciiDigit(Peek(1)):
                _pos++;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }

                return Make(TokenKind.Parameter, _text[start.._pos], start);
            case '$':
                return ReadDollarString(start);
            case '(' or ')' or ',' or ';' or '[' or ']':
                _pos++;
                return Make(TokenKind.Punctuation, c.ToString(), start);
            case '.':
                _pos++;
                return Make(TokenKind.Punctuation, ".", start);
            case ':':
                if (Peek(1) == ':')
                {
                    _pos += 2;
                    return Make(TokenKind.Punctuation, "::", start);
                }

                _pos++;
                return Make(TokenKind.Punctuation, ":", start);
        }

        if (OperatorChars.Contains(c, StringComparison.Ordinal))
        {
            return ReadOperator(start);
        }

        throw new SqlException(SqlState.SyntaxError, $"syntax error at or near \"{c}\"", start + 1);
    }

    /// <summary>A token from <paramref name="start"/> to the current position.</summary>
    private Token Make(TokenKind kind, string text, int start) => new(kind, text, start, _pos);

    /// <summary>The character <paramref name="ahead"/> positions ahead, or NUL.</summary>
    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    /// <summary>Skips white space, -- comments and nested /* */ comments.</summary>
    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '-' && Peek(1) == '-')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                int start = _pos;
                int depth = 0;
                do
                {
                    if (_pos + 1 >= _text.Length)
                    {
                        throw new SqlException(SqlState.SyntaxError, "unterminated /* comment at or near \"" + _text[start..] + "\"", start + 1);
                    }

                    if (_text[_pos] == '/' && _text[_pos + 1] == '*')
                    {
                        depth++;
                        _pos += 2;
                    }
                    else if (_text[_pos] == '*' && _text[_pos + 1] == '/')
                    {
                        depth--;
                        _pos += 2;
                    }
                    else
                    {
                        _pos++;
                    }
                }
                while (depth > 0);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>An integer or decimal literal; an identifier glued to a number (123abc) is a syntax error, as in PostgreSQL 15.</summary>
    private Token ReadNumber(int start)
    {
        bool isDecimal = false;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] == '.' && Peek(1) != '.')
        {
            isDecimal = true;
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            int save = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                isDecimal = true;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        if (_pos < _text.Length && (char.IsLetter(_text[_pos]) || _text[_pos] == '_'))
        {
            throw new SqlException(SqlState.SyntaxError, $"trailing junk after numeric literal at or near \"{_text[start..(_pos + 1)]}\"", start + 1);
        }

        return Make(isDecimal ? TokenKind.Decimal : TokenKind.Integer, _text[start.._pos], start);
    }

    /// <summary>A '...' string (the opening quote at _pos), with '' for a quote and, for E'...', backslash escapes.</summary>
    private string ReadString(int start, bool escapes)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new SqlException(SqlState.SyntaxError, "unterminated quoted string at or near \"" + _text[start..] + "\"", start + 1);
            }

            char c = _text[_pos];
            if (c == '\'')
            {
                if (Peek(1) == '\'')
                {
                    sb.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return sb.ToString();
            }

            if (escapes && c == '\\' && _pos + 1 < _text.Length)
            {
                char e = _text[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case 'n':
                        sb.Append('\n');
                        break;
                    case 't':
                        sb.Append('\t');
                        break;
                    case 'r':
                        sb.Append('\r');
                        break;
                    case 'b':
                        sb.Append('\b');
                        break;
                    case 'f':
                        sb.Append('\f');
                        break;
                    case 'u' when _pos + 4 <= _text.Length:
                        sb.Append((char)int.Parse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _pos += 4;
                        break;
                    default:
                        sb.Append(e);
                        break;
                }

                continue;
            }

            sb.Append(c);
            _pos++;
        }
    }

    /// <summary>A "quoted identifier" with "" for a quote; a zero-length one is an error.</summary>
    private Token ReadQuotedIdentifier(int start)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new SqlException(SqlState.SyntaxError, "unterminated quoted identifier at or near \"" + _text[start..] + "\"", start + 1);
            }

            char c = _text[_pos];
            if (c == '"')
            {
                if (Peek(1) == '"')
                {
                    sb.Append('"');
                    _pos += 2;
                    continue;
                }

                _pos++;
                if (sb.Length == 0)
                {
                    throw new SqlException(SqlState.SyntaxError, "zero-length delimited identifier at or near \"\"\"\"", start + 1);
                }

                return Make(TokenKind.QuotedIdentifier, sb.ToString(), start);
            }

            sb.Append(c);
            _pos++;
        }
    }

    /// <summary>$tag$...$tag$.</summary>
    private Token ReadDollarString(int start)
    {
        int tagEnd = _text.IndexOf('$', _pos + 1);
        if (tagEnd < 0)
        {
            throw new SqlException(SqlState.SyntaxError, "syntax error at or near \"$\"", start + 1);
        }

        string tag = _text[_pos..(tagEnd + 1)];
        foreach (char t in tag.AsSpan(1, tag.Length - 2))
        {
            if (!char.IsLetterOrDigit(t) && t != '_')
            {
                throw new SqlException(SqlState.SyntaxError, "syntax error at or near \"$\"", start + 1);
            }
        }

        int bodyStart = tagEnd + 1;
        int close = _text.IndexOf(tag, bodyStart, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new SqlException(SqlState.SyntaxError, "unterminated dollar-quoted string at or near \"" + _text[start..] + "\"", start + 1);
        }

        _pos = close + tag.Length;
        return Make(TokenKind.String, _text[bodyStart..close], start);
    }

    /// <summary>The longest run of operator characters, trimmed by PostgreSQL's rules.</summary>
    private Token ReadOperator(int start)
    {
        int end = _pos;
        while (end < _text.Length && OperatorChars.Contains(_text[end], StringComparison.Ordinal))
        {
            // A comment start ends the operator.
            if (end > _pos && ((_text[end] == '-' && end + 1 < _text.Length && _text[end + 1] == '-') || (_text[end] == '/' && end + 1 < _text.Length && _text[end + 1] == '*')))
            {
                break;
            }

            end++;
        }

        string op = _text[_pos..end];
        if (op.Length > 1 && (op[^1] == '+' || op[^1] == '-'))
        {
            bool special = op.AsSpan(0, op.Length - 1).IndexOfAny("~!@#%^&|`?") >= 0;
            if (!special)
            {
                // Strip trailing + and - so that "*-" lexes as "*" then "-".
                int len = op.Length;
                while (len > 1 && (op[len - 1] == '+' || op[len - 1] == '-'))
                {
                    len--;
                }

                op = op[..len];
            }
        }

        _pos += op.Length;
        return Make(TokenKind.Operator, op, start);
    }
}
