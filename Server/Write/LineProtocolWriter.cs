using System.Text;
using IOx.Pg.Protocol.LineProtocol;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.WriteBuffer;

namespace IOx.Pg.Server.Write;

/// <summary>
/// Writes a line-protocol body into one database of the write buffer. Each valid line becomes a
/// row of the table named by its measurement (created when new); before a row is appended,
/// every tag and field is checked against the table's schema under the table lock, and a line
/// whose field type differs from the column's, or that writes a tag as a field or the other way
/// round, is rejected with an InfluxDB-style reason. Consecutive lines of one table share one
/// lock acquisition (up to <see cref="MaxRowsPerLock"/> rows, so long bodies let readers in).
/// </summary>
public static class LineProtocolWriter
{
    /// <summary>Rows appended under one lock acquisition before it is released and taken again.</summary>
    public const int MaxRowsPerLock = 4096;

    /// <summary>
    /// Writes <paramref name="body"/> into <paramref name="database"/>. With
    /// <see cref="LineWriteOptions.AcceptPartial"/> the valid lines are stored and the bad ones
    /// reported; without it a first pass validates every line (parse, stored schema, and the
    /// columns earlier lines of the same body would create) and nothing is stored if any is bad.
    /// </summary>
    /// <param name="database">Target database.</param>
    /// <param name="body">The complete request body.</param>
    /// <param name="options">Precision, server time and partial-write mode.</param>
    /// <param name="buffers">Parser working memory (one per concurrent call).</param>
    public static LineWriteResult Write(DatabaseBuffer database, ReadOnlySpan<byte> body, LineWriteOptions options, LineParserBuffers buffers)
    {
        var tables = new TableLookup(database);
        long cutoff = database.RetentionCutoff(options.ServerTime);
        if (!options.AcceptPartial)
        {
            BadLineList invalid = Validate(body, options, buffers, tables, cutoff);
            if (invalid.Count > 0)
            {
                return new LineWriteResult(0, invalid.Count, invalid.Listed);
            }
        }

        var bad = new BadLineList();
        int written = Store(body, options, buffers, tables, cutoff, ref bad);
        return new LineWriteResult(written, bad.Count, bad.Listed);
    }

    /// <summary>Stores every valid line that fits the schema; returns how many.</summary>
    private static int Store(ReadOnlySpan<byte> body, LineWriteOptions options, LineParserBuffers buffers, TableLookup tables, long cutoff, ref BadLineList bad)
    {
        var reader = new LineProtocolReader(body, buffers, options.Precision, options.ServerTime);
        TableBuffer? current = null;
        TableWriter writer = default;
        int rowsUnderLock = 0;
        int written = 0;
        try
        {
            while (true)
            {
                LineReadStatus status = reader.Read(out ParsedLine line, out LineError error);
                if (status == LineReadStatus.EndOfInput)
                {
                    break;
                }

                if (status == LineReadStatus.Error)
                {
                    bad.Add(error.LineNumber, error.Text(body), error.Message);
                    continue;
                }

                if (line.Timestamp < cutoff)
                {
                    bad.Add(line.LineNumber, line.Text, RetentionRejection.Message(line.Measurement, cutoff, line.Timestamp));
                    continue;
                }

                TableBuffer table = tables.Get(line.Measurement);
                if (!ReferenceEquals(table, current) || rowsUnderLock == MaxRowsPerLock)
                {
                    if (current is not null)
                    {
                        writer.Dispose();
                        current = null;
                    }

                    writer = table.BeginWrite();
                    current = table;
                    rowsUnderLock = 0;
                }

                string? conflict = CheckLine(ref writer, hasTable: true, in line, table.Name, pending: null);
                if (conflict is not null)
                {
                    bad.Add(line.LineNumber, line.Text, conflict);
                    continue;
                }

                AppendRow(ref writer, in line);
                rowsUnderLock++;
                written++;
            }
        }
        finally
        {
            if (current is not null)
            {
                writer.Dispose();
            }
        }

        return written;
    }

    /// <summary>The all-or-nothing pass: every problem any line has, without storing anything.</summary>
    private static BadLineList Validate(ReadOnlySpan<byte> body, LineWriteOptions options, LineParserBuffers buffers, TableLookup tables, long cutoff)
    {
        var bad = new BadLineList();
        var pending = new PendingColumns();
        var reader = new LineProtocolReader(body, buffers, options.Precision, options.ServerTime);
        TableBuffer? current = null;
        TableWriter writer = default;
        try
        {
            while (true)
            {
                LineReadStatus status = reader.Read(out ParsedLine line, out LineError error);
                if (status == LineReadStatus.EndOfInput)
                {
                    break;
                }

                if (status == LineReadStatus.Error)
                {
                    bad.Add(error.LineNumber, error.Text(body), error.Message);
                    continue;
                }

                if (line.Timestamp < cutoff)
                {
                    bad.Add(line.LineNumber, line.Text, RetentionRejection.Message(line.Measurement, cutoff, line.Timestamp));
                    continue;
                }

                // Validation creates nothing: a table that does not exist yet has only the columns
                // earlier lines of this body would give it.
                TableBuffer? table = tables.TryGet(line.Measurement);
                string measurement = table?.Name ?? Encoding.UTF8.GetString(line.Measurement);
                if (!ReferenceEquals(table, current))
                {
                    if (current is not null)
                    {
                        writer.Dispose();
                        current = null;
                    }

                    if (table is not null)
                    {
                        writer = table.BeginWrite();
                        current = table;
                    }
                }

                string? conflict = CheckLine(ref writer, table is not null, in line, measurement, pending);
                if (conflict is not null)
                {
                    bad.Add(line.LineNumber, line.Text, conflict);
                    continue;
                }

                // Only a good line's columns shape what later lines must agree with.
                for (int i = 0; i < line.TagCount; i++)
                {
                    pending.Add(measurement, line.TagKey(i), DataType.Utf8, ColumnRole.Tag);
                }

                for (int i = 0; i < line.FieldCount; i++)
                {
                    pending.Add(measurement, line.FieldKey(i), InfluxTypeNames.ToDataType(line.FieldType(i)), ColumnRole.Field);
                }
            }
        }
        finally
        {
            if (current is not null)
            {
                writer.Dispose();
            }
        }

        return bad;
    }

    /// <summary>
    /// Checks every tag and field of <paramref name="line"/> against the table (and, when given,
    /// the columns earlier lines of the request use); returns the first conflict's reason or null.
    /// </summary>
    private static string? CheckLine(ref TableWriter writer, bool hasTable, in ParsedLine line, string measurement, PendingColumns? pending)
    {
        for (int i = 0; i < line.TagCount; i++)
        {
            string? conflict = CheckColumn(ref writer, line.TagKey(i), DataType.Utf8, ColumnRole.Tag, measurement, hasTable, pending);
            if (conflict is not null)
            {
                return conflict;
            }
        }

        for (int i = 0; i < line.FieldCount; i++)
        {
            string? conflict = CheckColumn(ref writer, line.FieldKey(i), InfluxTypeNames.ToDataType(line.FieldType(i)), ColumnRole.Field, measurement, hasTable, pending);
            if (conflict is not null)
            {
                return conflict;
            }
        }

        return null;
    }

    /// <summary>
    /// One column's check; the reason names the column, the measurement and both types.
    /// <paramref name="writer"/> holds the table's lock when <paramref name="hasTable"/>.
    /// </summary>
    private static string? CheckColumn(ref TableWriter writer, ReadOnlySpan<byte> name, DataType type, ColumnRole role, string measurement, bool hasTable, PendingColumns? pending)
    {
        DataType existingType;
        ColumnRole existingRole;
        if (pending is not null && pending.TryGet(measurement, name, out existingType, out existingRole))
        {
            if (existingType == type && existingRole == role)
            {
                return null;
            }
        }
        else if (!hasTable)
        {
            return null;
        }
        else
        {
            ColumnCheck check = writer.CheckColumn(name, type, role, out existingType);
            if (check == ColumnCheck.Ok)
            {
                return null;
            }

            // A role conflict means the stored column has the other role (time is refused by the parser).
            existingRole = check == ColumnCheck.RoleConflict ? (role == ColumnRole.Tag ? ColumnRole.Field : ColumnRole.Tag) : role;
        }

        string column = Encoding.UTF8.GetString(name);
        if (existingRole == role)
        {
            return $"field type conflict: input field \"{column}\" on measurement \"{measurement}\" is type {InfluxTypeNames.FieldTypeName(type)}, already exists as type {InfluxTypeNames.FieldTypeName(existingType)}";
        }

        string input = role == ColumnRole.Tag ? "tag" : "field";
        return $"column type conflict: input {input} \"{column}\" on measurement \"{measurement}\" is a {InfluxTypeNames.Describe(role, type)}, already exists as a {InfluxTypeNames.Describe(existingRole, existingType)}";
    }

    /// <summary>Appends a checked line as one row.</summary>
    private static void AppendRow(ref TableWriter writer, in ParsedLine line)
    {
        writer.BeginRow();
        for (int i = 0; i < line.TagCount; i++)
        {
            writer.AppendTag(line.TagKey(i), line.TagValue(i));
        }

        for (int i = 0; i < line.FieldCount; i++)
        {
            ReadOnlySpan<byte> key = line.FieldKey(i);
            switch (line.FieldType(i))
            {
                case LineFieldType.Float:
                    writer.AppendDouble(key, line.FieldDouble(i));
                    break;
                case LineFieldType.Integer:
                    writer.AppendInt64(key, line.FieldInt64(i));
                    break;
                case LineFieldType.UInteger:
                    writer.AppendUInt64(key, line.FieldUInt64(i));
                    break;
                case LineFieldType.Boolean:
                    writer.AppendBoolean(key, line.FieldBoolean(i));
                    break;
                default:
                    writer.AppendString(key, line.FieldString(i));
                    break;
            }
        }

        writer.EndRow(line.Timestamp);
    }

    /// <summary>Bad lines in body order: all counted, the first <see cref="LineWriteOptions.MaxListedBadLines"/> kept.</summary>
    private struct BadLineList
    {
        /// <summary>The kept lines; null until the first.</summary>
        private List<BadLine>? _listed;

        /// <summary>All bad lines seen.</summary>
        public int Count { get; private set; }

        /// <summary>The kept lines.</summary>
        public readonly IReadOnlyList<BadLine> Listed => (IReadOnlyList<BadLine>?)_listed ?? [];

        /// <summary>Counts a bad line and keeps it while under the cap.</summary>
        public void Add(int lineNumber, ReadOnlySpan<byte> text, string message)
        {
            Count++;
            if (Count <= LineWriteOptions.MaxListedBadLines)
            {
                (_listed ??= []).Add(new BadLine(lineNumber, Encoding.UTF8.GetString(text), message));
            }
        }
    }
}
