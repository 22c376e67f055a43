using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Sql;

/// <summary>EXPLAIN (PostgreSQL 15 grammar): the old keyword form and the parenthesised option list; text format only.</summary>
public sealed partial class Parser
{
    /// <summary>EXPLAIN ... (the current token is EXPLAIN).</summary>
    private ExplainStatement ParseExplain(int start)
    {
        _pos++;
        bool analyze = false;
        bool timing = true;
        bool summary = true;
        bool costs = true;
        if (AcceptSymbol("("))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                int position = Current.Offset;
                string name = ExpectName(allowReserved: true);
                string? value = Current.IsSymbol(",") || Current.IsSymbol(")") ? null : ExplainOptionValue();
                if (!seen.Add(name))
                {
                    throw new SqlException(SqlState.SyntaxError, "conflicting or redundant options", position + 1);
                }

                switch (name)
                {
                    case "analyze":
                        analyze = ExplainBoolean(name, value, position);
                        break;
                    case "timing":
                        timing = ExplainBoolean(name, value, position);
                        break;
                    case "summary":
                        summary = ExplainBoolean(name, value, position);
                        break;
                    case "costs":
                        costs = ExplainBoolean(name, value, position);
                        break;
                    case "verbose" or "buffers" or "settings" or "wal":
                        // Accepted; our plans print the same either way (no buffer counters yet).
                        ExplainBoolean(name, value, position);
                        break;
                    case "format":
                        if (value?.ToLowerInvariant() != "text")
                        {
                            throw value is "json" or "xml" or "yaml"
                                ? SqlException.NotSupported($"EXPLAIN (FORMAT {value.ToUpperInvariant()})", position + 1)
                                : new SqlException(SqlState.InvalidParameterValue, $"unrecognized value for EXPLAIN option \"format\": \"{value}\"", position + 1);
                        }

                        break;
                    default:
                        throw new SqlException(SqlState.SyntaxError, $"unrecognized EXPLAIN option \"{name}\"", position + 1);
                }
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        else
        {
            analyze = AcceptKeyword("analyze") || AcceptKeyword("analyse");
            AcceptKeyword("verbose");
        }

        if (!Current.IsKeyword("select") && !Current.IsKeyword("with") && !Current.IsSymbol("("))
        {
            throw Current.Kind == TokenKind.Identifier && Keywords.OtherStatements.Contains(Current.Text)
                ? SqlException.NotSupported($"EXPLAIN {Current.Text.ToUpperInvariant()}", Current.Offset + 1)
                : SyntaxError(Current);
        }

        Statement inner = ParseStatement(Current.Offset);
        return new ExplainStatement { Inner = inner, Analyze = analyze, Timing = timing, Summary = summary, Costs = costs, Text = StatementText(start), Offset = start };
    }

    /// <summary>An option's value word, number or string.</summary>
    private string ExplainOptionValue()
    {
        Token t = Current;
        if (t.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Integer or TokenKind.QuotedIdentifier)
        {
            _pos++;
            return t.Text;
        }

        throw SyntaxError(t);
    }

    /// <summary>A Boolean option value (absent means true), in PostgreSQL's spellings.</summary>
    private static bool ExplainBoolean(string name, string? value, int position) => value?.ToLowerInvariant() switch
    {
        null or "true" or "on" or "1" or "yes" => true,
        "false" or "off" or "0" or "no" => false,
        _ => throw new SqlException(SqlState.SyntaxError, $"{name} requires a Boolean value", position + 1),
    };
}
