using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>
/// Collects COPY options as written and checks them as PostgreSQL's ProcessCopyOptions does
/// (same messages and SQLSTATEs): each option at most once, options that belong to another
/// format or direction refused, delimiter/quote/escape single one-byte characters.
/// </summary>
internal sealed class CopyOptionsBuilder
{
    /// <summary>Options given: name → (value or null, 0-based position).</summary>
    private readonly Dictionary<string, (string? Value, int Position)> _values = new(StringComparer.Ordinal);

    /// <summary>Column lists given (FORCE_QUOTE ...): name → (columns, null for *).</summary>
    private readonly Dictionary<string, List<string>?> _columns = new(StringComparer.Ordinal);

    /// <summary>Records option <paramref name="name"/>; a second mention is 42601.</summary>
    public void Set(string name, string? value, int position)
    {
        if (!_values.TryAdd(name, (value, position)))
        {
            throw new SqlException(SqlState.SyntaxError, "conflicting or redundant options", position + 1);
        }
    }

    /// <summary>Records a column-list option (null: *).</summary>
    public void SetColumns(string name, List<string>? columns, int position)
    {
        Set(name, null, position);
        _columns[name] = columns;
    }

    /// <summary>Checks the options and builds the statement.</summary>
    public CopyStatement Build(SelectStatement query, TableRef? table, bool to, string text, int offset)
    {
        foreach ((string name, (string? _, int position)) in _values)
        {
            if (name is not ("format" or "header" or "delimiter" or "null" or "quote" or "escape" or "force_quote" or "force_not_null" or "force_null" or "freeze" or "encoding"))
            {
                throw new SqlException(SqlState.SyntaxError, $"option \"{name}\" not recognized", position + 1);
            }
        }

        CopyFormat format = Format();
        bool csv = format == CopyFormat.Csv;
        bool binary = format == CopyFormat.Binary;
        bool header = Header(binary);

        string? delimiterText = Value("delimiter");
        string? nullText = Value("null");
        if (binary && delimiterText is not null)
        {
            throw Error(SqlState.SyntaxError, "cannot specify DELIMITER in BINARY mode", "delimiter");
        }

        if (binary && nullText is not null)
        {
            throw Error(SqlState.SyntaxError, "cannot specify NULL in BINARY mode", "null");
        }

        char delimiter = delimiterText is null ? (csv ? ',' : '\t') : SingleByte(delimiterText, "COPY delimiter must be a single one-byte character", "delimiter");
        string nullString = nullText ?? (csv ? "" : "\\N");
        if (delimiter is '\n' or '\r')
        {
            throw Error(SqlState.InvalidParameterValue, "COPY delimiter cannot be newline or carriage return", "delimiter");
        }

        if (nullString.Contains('\n', StringComparison.Ordinal) || nullString.Contains('\r', StringComparison.Ordinal))
        {
            throw Error(SqlState.InvalidParameterValue, "COPY null representation cannot use newline or carriage return", "null");
        }

        if (format == CopyFormat.Text && "\\.abcdefghijklmnopqrstuvwxyz0123456789".Contains(delimiter, StringComparison.Ordinal))
        {
            throw Error(SqlState.InvalidParameterValue, $"COPY delimiter cannot be \"{delimiter}\"", "delimiter");
        }

        char quote = '"';
        char escape = '"';
        if (Value("quote") is { } quoteText)
        {
            RequireCsv(csv, "COPY quote available only in CSV mode", "quote");
            quote = SingleByte(quoteText, "COPY quote must be a single one-byte character", "quote");
            escape = quote;
        }

        if (Value("escape") is { } escapeText)
        {
            RequireCsv(csv, "COPY escape available only in CSV mode", "escape");
            escape = SingleByte(escapeText, "COPY escape must be a single one-byte character", "escape");
        }

        if (csv && delimiter == quote)
        {
            throw Error(SqlState.InvalidParameterValue, "COPY delimiter and quote must be different", "quote");
        }

        if (csv && nullString.Contains(quote, StringComparison.Ordinal))
        {
            throw Error(SqlState.FeatureNotSupported, "CSV quote character must not appear in the NULL specification", "null");
        }

        bool forceQuoteAll = false;
        List<string> forceQuote = [];
        if (_columns.TryGetValue("force_quote", out List<string>? quoted))
        {
            RequireCsv(csv, "COPY force quote available only in CSV mode", "force_quote");
            if (!to)
            {
                throw Error(SqlState.FeatureNotSupported, "COPY force quote only available using COPY TO", "force_quote");
            }

            forceQuoteAll = quoted is null;
            forceQuote = quoted ?? [];
        }

        foreach (string name in new[] { "force_not_null", "force_null" })
        {
            if (_values.ContainsKey(name))
            {
                RequireCsv(csv, $"COPY {name.Replace('_', ' ')} available only in CSV mode", name);
                if (to)
                {
                    throw Error(SqlState.FeatureNotSupported, $"COPY {name.Replace('_', ' ')} only available using COPY FROM", name);
                }
            }
        }

        if (Value("encoding") is { } encoding && !encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(SqlState.FeatureNotSupported, $"COPY encoding \"{encoding}\" is not supported: IOx.Pg speaks UTF8 only", "encoding");
        }

        return new CopyStatement
        {
            Query = query,
            Table = table,
            ToClient = to,
            Format = format,
            Header = header,
            Delimiter = delimiter,
            Null = nullString,
            Quote = quote,
            Escape = escape,
            ForceQuoteAll = forceQuoteAll,
            ForceQuote = forceQuote,
            Text = text,
            Offset = offset,
        };
    }

    /// <summary>FORMAT text|csv|binary (default text).</summary>
    private CopyFormat Format() => Value("format")?.ToLowerInvariant() switch
    {
        null or "text" => CopyFormat.Text,
        "csv" => CopyFormat.Csv,
        "binary" => CopyFormat.Binary,
        { } other => throw Error(SqlState.InvalidParameterValue, $"COPY format \"{other}\" not recognized", "format"),
    };

    /// <summary>HEADER [boolean]: no value means true; MATCH is for COPY FROM only.</summary>
    private bool Header(bool binary)
    {
        if (!_values.TryGetValue("header", out (string? Value, int Position) option))
        {
            return false;
        }

        if (binary)
        {
            throw Error(SqlState.FeatureNotSupported, "cannot specify HEADER in BINARY mode", "header");
        }

        return option.Value?.ToLowerInvariant() switch
        {
            null or "true" or "on" or "1" or "yes" => true,
            "false" or "off" or "0" or "no" => false,
            "match" => throw SqlException.NotSupported("COPY HEADER MATCH", option.Position + 1),
            { } other => throw Error(SqlState.SyntaxError, $"header requires a Boolean value or \"match\"", "header"),
        };
    }

    /// <summary>A string option's value, or null when not given.</summary>
    private string? Value(string name) => _values.TryGetValue(name, out (string? Value, int Position) option) ? option.Value : null;

    /// <summary>The single one-byte character of <paramref name="text"/>, or 0A000 with <paramref name="message"/>.</summary>
    private char SingleByte(string text, string message, string option)
    {
        if (text.Length != 1 || text[0] > 0x7F)
        {
            throw Error(SqlState.FeatureNotSupported, message, option);
        }

        return text[0];
    }

    /// <summary>0A000 unless CSV.</summary>
    private void RequireCsv(bool csv, string message, string option)
    {
        if (!csv)
        {
            throw Error(SqlState.FeatureNotSupported, message, option);
        }
    }

    /// <summary>An error positioned at option <paramref name="option"/>.</summary>
    private SqlException Error(string sqlState, string message, string option) =>
        new(sqlState, message, _values.TryGetValue(option, out (string? Value, int Position) o) ? o.Position + 1 : 0);
}
