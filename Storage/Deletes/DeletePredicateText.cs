using System.Globalization;
using System.Text;

namespace IOx.Pg.Storage.Deletes;

/// <summary>
/// The stored text form of a <see cref="DeletePredicate"/> (the catalog's <c>deletes.predicate</c>):
/// a version header, then an s-expression. Stable: released forms are only ever added to, and a
/// golden test pins them.
/// <code>
/// iox-delete/1 expr
/// expr := all | (and expr*) | (or expr*) | (op time int*) | (op "tag" 'text'*)
/// op   := = | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= | in | notin | isnull | notnull
/// </code>
/// Tag names are double-quoted and values single-quoted, each doubling its own quote inside; time
/// operands are int64 nanoseconds since the epoch (UTC), in decimal.
/// </summary>
public static class DeletePredicateText
{
    /// <summary>The header: magic and format version.</summary>
    public const string Header = "iox-delete/1 ";

    /// <summary>The stored text of <paramref name="predicate"/>.</summary>
    public static string Format(DeletePredicate predicate)
    {
        var text = new StringBuilder(Header);
        Append(text, predicate);
        return text.ToString();
    }

    /// <summary>Parses stored text back; throws <see cref="FormatException"/> naming the offset when malformed.</summary>
    public static DeletePredicate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new FormatException($"delete predicate does not start with '{Header.TrimEnd()}' (written by a newer version?): {text}");
        }

        int pos = Header.Length;
        DeletePredicate result = ParseExpr(text, ref pos);
        SkipSpaces(text, ref pos);
        if (pos != text.Length)
        {
            throw Malformed(text, pos, "trailing text");
        }

        return result;
    }

    /// <summary>Appends one node.</summary>
    private static void Append(StringBuilder text, DeletePredicate node)
    {
        switch (node.Kind)
        {
            case DeletePredicateKind.All:
                text.Append("all");
                return;
            case DeletePredicateKind.And:
            case DeletePredicateKind.Or:
                text.Append(node.Kind == DeletePredicateKind.And ? "(and" : "(or");
                foreach (DeletePredicate child in node.Children)
                {
                    text.Append(' ');
                    Append(text, child);
                }

                text.Append(')');
                return;
            default:
                text.Append('(').Append(OperatorText(node.Operator)).Append(' ');
                if (node.IsTime)
                {
                    text.Append("time");
                    foreach (long t in node.TimeValues)
                    {
                        text.Append(' ').Append(t.ToString(CultureInfo.InvariantCulture));
                    }
                }
                else
                {
                    text.Append('"').Append(node.Column!.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                    foreach (string v in node.TagValues)
                    {
                        text.Append(" '").Append(v.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                    }
                }

                text.Append(')');
                return;
        }
    }

    /// <summary>The token of a leaf test.</summary>
    private static string OperatorText(DeleteOperator op) => op switch
    {
        DeleteOperator.Equal => "=",
        DeleteOperator.NotEqual => "<>",
        DeleteOperator.Less => "<",
        DeleteOperator.LessOrEqual => "<=",
        DeleteOperator.Greater => ">",
        DeleteOperator.GreaterOrEqual => ">=",
        DeleteOperator.In => "in",
        DeleteOperator.NotIn => "notin",
        DeleteOperator.IsNull => "isnull",
        _ => "notnull",
    };

    /// <summary>One expression at <paramref name="pos"/>.</summary>
    private static DeletePredicate ParseExpr(string text, ref int pos)
    {
        SkipSpaces(text, ref pos);
        if (string.CompareOrdinal(text, pos, "all", 0, 3) == 0)
        {
            pos += 3;
            return DeletePredicate.All;
        }

        Expect(text, ref pos, '(');
        string op = Word(text, ref pos);
        if (op is "and" or "or")
        {
            var children = new List<DeletePredicate>();
            while (true)
            {
                SkipSpaces(text, ref pos);
                if (pos < text.Length && text[pos] == ')')
                {
                    pos++;
                    return op == "and" ? DeletePredicate.And(children) : DeletePredicate.Or(children);
                }

                children.Add(ParseExpr(text, ref pos));
            }
        }

        DeleteOperator kind = op switch
        {
            "=" => DeleteOperator.Equal,
            "<>" => DeleteOperator.NotEqual,
            "<" => DeleteOperator.Less,
            "<=" => DeleteOperator.LessOrEqual,
            ">" => DeleteOperator.Greater,
            ">=" => DeleteOperator.GreaterOrEqual,
            "in" => DeleteOperator.In,
            "notin" => DeleteOperator.NotIn,
            "isnull" => DeleteOperator.IsNull,
            "notnull" => DeleteOperator.IsNotNull,
            _ => throw Malformed(text, pos, $"unknown test '{op}'"),
        };
        SkipSpaces(text, ref pos);
        try
        {
            if (pos < text.Length && text[pos] == '"')
            {
                string column = Quoted(text, ref pos, '"');
                var values = new List<string>();
                SkipSpaces(text, ref pos);
                while (pos < text.Length && text[pos] == '\'')
                {
                    values.Add(Quoted(text, ref pos, '\''));
                    SkipSpaces(text, ref pos);
                }

                Expect(text, ref pos, ')');
                return DeletePredicate.Tag(column, kind, values);
            }

            if (Word(text, ref pos) != "time")
            {
                throw Malformed(text, pos, "expected time or a quoted tag name");
            }

            var times = new List<long>();
            SkipSpaces(text, ref pos);
            while (pos < text.Length && text[pos] != ')')
            {
                string number = Word(text, ref pos);
                if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long t))
                {
                    throw Malformed(text, pos, $"'{number}' is not an int64 time");
                }

                times.Add(t);
                SkipSpaces(text, ref pos);
            }

            Expect(text, ref pos, ')');
            return DeletePredicate.Time(kind, times);
        }
        catch (ArgumentException e)
        {
            throw Malformed(text, pos, e.Message);
        }
    }

    /// <summary>A run of characters up to a space or parenthesis.</summary>
    private static string Word(string text, ref int pos)
    {
        SkipSpaces(text, ref pos);
        int start = pos;
        while (pos < text.Length && text[pos] is not (' ' or '(' or ')'))
        {
            pos++;
        }

        if (pos == start)
        {
            throw Malformed(text, pos, "expected a word");
        }

        return text[start..pos];
    }

    /// <summary>A quoted string (the quote doubled inside).</summary>
    private static string Quoted(string text, ref int pos, char quote)
    {
        Expect(text, ref pos, quote);
        var value = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Malformed(text, pos, "unterminated quoted text");
            }

            char c = text[pos++];
            if (c == quote)
            {
                if (pos < text.Length && text[pos] == quote)
                {
                    value.Append(quote);
                    pos++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }

    /// <summary>Consumes <paramref name="c"/> after optional spaces.</summary>
    private static void Expect(string text, ref int pos, char c)
    {
        SkipSpaces(text, ref pos);
        if (pos >= text.Length || text[pos] != c)
        {
            throw Malformed(text, pos, $"expected '{c}'");
        }

        pos++;
    }

    /// <summary>Skips spaces.</summary>
    private static void SkipSpaces(string text, ref int pos)
    {
        while (pos < text.Length && text[pos] == ' ')
        {
            pos++;
        }
    }

    /// <summary>The error for malformed stored text.</summary>
    private static FormatException Malformed(string text, int pos, string why) =>
        new($"malformed delete predicate at offset {pos} ({why}): {text}");
}
