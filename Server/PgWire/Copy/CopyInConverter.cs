using System.Buffers;
using System.Globalization;
using System.Text;
using IOx.Pg.Executor.Values;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire.Copy;

/// <summary>
/// Turns the data of COPY table FROM STDIN (text or CSV, as PostgreSQL reads them) into line
/// protocol for the table, so a COPY goes through the same validation, write-ahead log and
/// durability as an HTTP write. Values are checked with the engine's input functions (22P02 with
/// PostgreSQL's message and a CONTEXT-like "COPY t, line n, column c" detail); tags become tags,
/// fields keep their column's type; a NULL field is left out; NULL time is 23502 (time is NOT
/// NULL). The whole input is converted before anything is written, so a bad row writes nothing.
/// </summary>
internal sealed partial class CopyInConverter
{
    /// <summary>The statement and its options.</summary>
    private readonly CopyStatement _copy;

    /// <summary>The table name.</summary>
    private readonly string _table;

    /// <summary>The target columns, in input order.</summary>
    private readonly Field[] _columns;

    /// <summary>Line protocol produced.</summary>
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);

    /// <summary>Reused per row: the fields of the current record (null = NULL).</summary>
    private readonly List<string?> _fields = [];

    /// <summary>Reused per row: the line being built.</summary>
    private readonly StringBuilder _line = new(256);

    /// <summary>Reused per CSV field: its text while quotes are undone.</summary>
    private readonly StringBuilder _csvField = new(64);

    /// <summary>Creates a converter for <paramref name="columns"/> of <paramref name="table"/>.</summary>
    public CopyInConverter(CopyStatement copy, string table, Field[] columns)
    {
        _copy = copy;
        _table = table;
        _columns = columns;
    }

    /// <summary>Whether the input is PostgreSQL's binary copy format (<see cref="ConvertBinary"/>) rather than text or CSV (<see cref="Convert"/>).</summary>
    public bool Binary => _copy.Format == CopyFormat.Binary;

    /// <summary>Rows converted.</summary>
    public long Rows { get; private set; }

    /// <summary>The line protocol of every row, newline-terminated.</summary>
    public ReadOnlyMemory<byte> LineProtocol => _output.WrittenMemory;

    /// <summary>Converts the whole COPY input.</summary>
    /// <exception cref="SqlException">A malformed record or value.</exception>
    public void Convert(string data)
    {
        int position = 0;
        int lineNumber = 0;
        bool csv = _copy.Format == CopyFormat.Csv;
        while (position < data.Length)
        {
            lineNumber++;
            int start = position;
            bool ok = csv ? ReadCsvRecord(data, ref position) : ReadTextRecord(data, ref position);
            if (!ok)
            {
                break; // The end-of-data marker \. on its own line.
            }

            if (lineNumber == 1 && _copy.Header)
            {
                continue;
            }

            if (_fields.Count != _columns.Length)
            {
                throw new SqlException(
                    SqlState.BadCopyFileFormat,
                    _fields.Count < _columns.Length ? $"missing data for column \"{_columns[_fields.Count].Name}\"" : "extra data after last expected column",
                    detail: $"COPY {_table}, line {lineNumber}: \"{Excerpt(data, start)}\"");
            }

            AppendRow(lineNumber);
        }
    }

    /// <summary>One text-format record: fields split on the delimiter, NULL marker compared before de-escaping. False at \. or the end.</summary>
    private bool ReadTextRecord(string data, ref int position)
    {
        int end = data.IndexOf('\n', position);
        int next = end < 0 ? data.Length : end + 1;
        if (end < 0)
        {
            end = data.Length;
        }

        if (end > position && data[end - 1] == '\r')
        {
            end--;
        }

        string line = data[position..end];
        position = next;
        if (line == "\\.")
        {
            return false;
        }

        _fields.Clear();
        foreach (string raw in line.Split(_copy.Delimiter))
        {
            _fields.Add(raw == _copy.Null ? null : Unescape(raw));
        }

        return true;
    }

    /// <summary>One CSV record (quoted fields may span lines); an unquoted field equal to the NULL string is NULL. False at \. or the end.</summary>
    private bool ReadCsvRecord(string data, ref int position)
    {
        _fields.Clear();
        StringBuilder field = _csvField.Clear();
        bool quoted = false;
        bool wasQuoted = false;
        int i = position;
        if (data.AsSpan(i).StartsWith("\\.\n") || data.AsSpan(i).SequenceEqual("\\.") || data.AsSpan(i).StartsWith("\\.\r\n"))
        {
            position = data.Length;
            return false;
        }

        while (true)
        {
            if (i >= data.Length)
            {
                if (quoted)
                {
                    throw new SqlException(SqlState.BadCopyFileFormat, "unterminated CSV quoted field");
                }

                break;
            }

            char c = data[i];
            if (quoted)
            {
                if (c == _copy.Escape && i + 1 < data.Length && (data[i + 1] == _copy.Quote || data[i + 1] == _copy.Escape) && (_copy.Escape != _copy.Quote || data[i + 1] == _copy.Quote))
                {
                    field.Append(data[i + 1]);
                    i += 2;
                    continue;
                }

                if (c == _copy.Quote)
                {
                    quoted = false;
                    i++;
                    continue;
                }

                field.Append(c);
                i++;
                continue;
            }

            if (c == _copy.Quote)
            {
                quoted = true;
                wasQuoted = true;
                i++;
                continue;
            }

            if (c == _copy.Delimiter)
            {
                AddCsvField(field, wasQuoted);
                field.Clear();
                wasQuoted = false;
                i++;
                continue;
            }

            if (c is '\n' or '\r')
            {
                i += c == '\r' && i + 1 < data.Length && data[i + 1] == '\n' ? 2 : 1;
                break;
            }

            field.Append(c);
            i++;
        }

        AddCsvField(field, wasQuoted);
        position = i;
        return true;
    }

    /// <summary>Adds a CSV field: NULL when unquoted and equal to the NULL string.</summary>
    private void AddCsvField(StringBuilder field, bool wasQuoted)
    {
        string value = field.ToString();
        _fields.Add(!wasQuoted && value == _copy.Null ? null : value);
    }

    /// <summary>Text format de-escaping: \b \f \n \r \t \v, \digits (octal), \xhh, and \c for any other c.</summary>
    private static string Unescape(string raw)
    {
        int slash = raw.IndexOf('\\', StringComparison.Ordinal);
        if (slash < 0)
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        sb.Append(raw, 0, slash);
        for (int i = slash; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                continue;
            }

            char e = raw[++i];
            switch (e)
            {
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case >= '0' and <= '7':
                {
                    int value = e - '0';
                    for (int k = 0; k < 2 && i + 1 < raw.Length && raw[i + 1] is >= '0' and <= '7'; k++)
                    {
                        value = (value * 8) + (raw[++i] - '0');
                    }

                    sb.Append((char)(value & 0xFF));
                    break;
                }

                case 'x' when i + 1 < raw.Length && Uri.IsHexDigit(raw[i + 1]):
                {
                    int value = System.Convert.ToInt32(raw[++i].ToString(), 16);
                    if (i + 1 < raw.Length && Uri.IsHexDigit(raw[i + 1]))
                    {
                        value = (value * 16) + System.Convert.ToInt32(raw[++i].ToString(), 16);
                    }

                    sb.Append((char)value);
                    break;
                }

                default:
                    sb.Append(e);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends the current record as one line of line protocol.</summary>
    private void AppendRow(int lineNumber)
    {
        StringBuilder line = _line.Clear();
        AppendEscaped(line, _table, ", ");
        long? time = null;
        for (int c = 0; c < _columns.Length; c++)
        {
            Field column = _columns[c];
            string? value = _fields[c];
            if (column.Role == ColumnRole.Time)
            {
                time = value is null
                    ? throw new SqlException(SqlState.NotNullViolation, $"null value in column \"{column.Name}\" of relation \"{_table}\" violates not-null constraint", detail: $"COPY {_table}, line {lineNumber}")
                    : (long)Parse(column, value, lineNumber);
            }
            else if (column.Role == ColumnRole.Tag && value is not null)
            {
                if (value.Length == 0)
                {
                    throw SqlException.NotSupported($"empty tag values (COPY {_table}, line {lineNumber}, column {column.Name})");
                }

                line.Append(',');
                AppendEscaped(line, column.Name, ",= ");
                line.Append('=');
                AppendEscaped(line, value, ",= ");
            }
        }

        bool first = true;
        for (int c = 0; c < _columns.Length; c++)
        {
            Field column = _columns[c];
            string? value = _fields[c];
            if (column.Role is ColumnRole.Time or ColumnRole.Tag || value is null)
            {
                continue;
            }

            line.Append(first ? ' ' : ',');
            first = false;
            AppendEscaped(line, column.Name, ",= ");
            line.Append('=');
            object parsed = Parse(column, value, lineNumber);
            switch (column.Type)
            {
                case DataType.Float64:
                    line.Append(((double)parsed).ToString("R", CultureInfo.InvariantCulture));
                    break;
                case DataType.Int64:
                    line.Append(((long)parsed).ToString(CultureInfo.InvariantCulture)).Append('i');
                    break;
                case DataType.UInt64:
                    decimal u = (decimal)parsed;
                    if (u < 0 || u > ulong.MaxValue || u != decimal.Truncate(u))
                    {
                        throw new SqlException(SqlState.NumericValueOutOfRange, $"value \"{value}\" is out of range for an unsigned field", detail: $"COPY {_table}, line {lineNumber}, column {column.Name}");
                    }

                    line.Append(u.ToString(CultureInfo.InvariantCulture)).Append('u');
                    break;
                case DataType.Boolean:
                    line.Append((bool)parsed ? "true" : "false");
                    break;
                default:
                    line.Append('"');
                    foreach (char ch in (string)parsed)
                    {
                        if (ch is '"' or '\\')
                        {
                            line.Append('\\');
                        }

                        line.Append(ch);
                    }

                    line.Append('"');
                    break;
            }
        }

        if (first)
        {
            throw SqlException.NotSupported($"rows whose every field is NULL (COPY {_table}, line {lineNumber}): a point needs at least one field");
        }

        if (time is { } t)
        {
            line.Append(' ').Append(t.ToString(CultureInfo.InvariantCulture));
        }

        line.Append('\n');
        int max = Encoding.UTF8.GetMaxByteCount(line.Length);
        Span<byte> span = _output.GetSpan(max);
        int written = 0;
        foreach (ReadOnlyMemory<char> chunk in line.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, span[written..]);
        }

        _output.Advance(written);
        Rows++;
    }

    /// <summary>The value of <paramref name="text"/> for <paramref name="column"/>, or 22P02 with where it was.</summary>
    private object Parse(Field column, string text, int lineNumber)
    {
        try
        {
            return ValueText.Parse(column.Type, text);
        }
        catch (SqlException e)
        {
            throw new SqlException(e.SqlState, e.Message, detail: $"COPY {_table}, line {lineNumber}, column {column.Name}: \"{text}\"");
        }
    }

    /// <summary>Appends <paramref name="text"/> with a backslash before each of <paramref name="special"/>.</summary>
    private static void AppendEscaped(StringBuilder sb, string text, ReadOnlySpan<char> special)
    {
        foreach (char c in text)
        {
            if (special.Contains(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    /// <summary>The start of a record for an error message.</summary>
    private static string Excerpt(string data, int start)
    {
        int end = data.IndexOf('\n', start);
        string line = end < 0 ? data[start..] : data[start..end];
        return line.Length > 100 ? line[..100] + "..." : line;
    }
}
