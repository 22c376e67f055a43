using System.Buffers;
using IOx.Pg.Planner.Engine;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Columns;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire.Copy;

/// <summary>
/// Writes a result as COPY TO STDOUT data: CopyOutResponse, one CopyData per row (after a header
/// row or the binary signature), CopyDone. Values are the same text or binary encodings DataRow
/// uses (type output and send functions), encoded a column and a chunk at a time; text and CSV
/// then escape or quote them as PostgreSQL's CopyAttributeOutText/CSV do, copying runs of
/// ordinary bytes found with a vectorized search. No allocation per row.
/// </summary>
internal sealed class CopyOutWriter
{
    /// <summary>The binary format's 11-byte signature.</summary>
    private static ReadOnlySpan<byte> BinarySignature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>Where messages go.</summary>
    private readonly PgWriteBuffer _output;

    /// <summary>The statement with its options.</summary>
    private readonly CopyStatement _copy;

    /// <summary>Text format: bytes that need a backslash escape.</summary>
    private readonly SearchValues<byte> _textSpecials;

    /// <summary>CSV: bytes that force quoting.</summary>
    private readonly SearchValues<byte> _csvQuoteTriggers;

    /// <summary>CSV: bytes escaped inside quotes (quote and escape).</summary>
    private readonly SearchValues<byte> _csvEscaped;

    /// <summary>The NULL representation in UTF-8.</summary>
    private readonly byte[] _null;

    /// <summary>CSV: per column, whether non-NULL values are always quoted.</summary>
    private readonly bool[] _forceQuote;

    /// <summary>One encoded-column scratch per column, reused across chunks.</summary>
    private readonly EncodedColumn[] _encoded;

    /// <summary>Whether the binary file header still has to be written (before the first tuple or the trailer).</summary>
    private bool _binaryHeaderPending;

    /// <summary>Prepares the writer for <paramref name="columns"/>.</summary>
    /// <exception cref="SqlException">A FORCE_QUOTE column is not in the output (42P10).</exception>
    public CopyOutWriter(PgWriteBuffer output, CopyStatement copy, IReadOnlyList<ResultColumn> columns)
    {
        _output = output;
        _copy = copy;
        byte delimiter = (byte)copy.Delimiter;
        _textSpecials = SearchValues.Create([(byte)'\\', (byte)'\b', (byte)'\f', (byte)'\n', (byte)'\r', (byte)'\t', (byte)'\v', delimiter]);
        _csvQuoteTriggers = SearchValues.Create([delimiter, (byte)copy.Quote, (byte)'\n', (byte)'\r']);
        _csvEscaped = SearchValues.Create([(byte)copy.Quote, (byte)copy.Escape]);
        _null = System.Text.Encoding.UTF8.GetBytes(copy.Null);
        _forceQuote = new bool[columns.Count];
        foreach (string name in copy.ForceQuote)
        {
            int index = -1;
            for (int c = 0; c < columns.Count && index < 0; c++)
            {
                index = columns[c].Name == name ? c : -1;
            }

            if (index < 0)
            {
                throw new SqlException(SqlState.InvalidColumnReference, $"FORCE_QUOTE column \"{name}\" not referenced by COPY");
            }

            _forceQuote[index] = true;
        }

        if (copy.ForceQuoteAll)
        {
            Array.Fill(_forceQuote, true);
        }

        _encoded = new EncodedColumn[columns.Count];
        for (int c = 0; c < _encoded.Length; c++)
        {
            _encoded[c] = new EncodedColumn();
        }
    }

    /// <summary>The wire format of every column.</summary>
    public PgFormat Format => _copy.Format == CopyFormat.Binary ? PgFormat.Binary : PgFormat.Text;

    /// <summary>CopyOutResponse, then the header row or the binary file header.</summary>
    public void WriteStart(IReadOnlyList<ResultColumn> columns)
    {
        CopyOutResponse.Write(_output, Format, columns.Count);
        if (_copy.Format == CopyFormat.Binary)
        {
            // The header goes out in the CopyData of the first tuple (or the trailer), as PostgreSQL
            // sends it: psycopg 3 parses each CopyData as one tuple after taking off the header.
            _binaryHeaderPending = true;
            return;
        }

        if (_copy.Header)
        {
            _output.StartMessage((byte)'d');
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    _output.WriteByte((byte)_copy.Delimiter);
                }

                byte[] name = System.Text.Encoding.UTF8.GetBytes(columns[c].Name);
                if (_copy.Format == CopyFormat.Csv)
                {
                    WriteCsvValue(name, quote: false, singleColumn: columns.Count == 1);
                }
                else
                {
                    WriteTextValue(name);
                }
            }

            _output.WriteByte((byte)'\n');
            _output.EndMessage();
        }
    }

    /// <summary>Encodes <paramref name="rows"/> rows of the cursor's batch and writes one CopyData each.</summary>
    public void WriteChunk(ResultCursor cursor, PgTimeZone zone, int rows, int extraFloatDigits = 1, bool byteaEscape = false)
    {
        RecordBatch batch = cursor.Batch ?? throw new InvalidOperationException("no current batch");
        int start = cursor.Row;
        PgFormat format = Format;
        for (int c = 0; c < _encoded.Length; c++)
        {
            ColumnEncoder.Encode(batch.Column(c), format, cursor.TypeOids[c], zone, start, rows, _encoded[c], extraFloatDigits, cursor.Result.Columns[c].OidNames, byteaEscape);
        }

        for (int r = 0; r < rows; r++)
        {
            StartCopyData();
            if (_copy.Format == CopyFormat.Binary)
            {
                WriteBinaryRow(r);
            }
            else
            {
                WriteDelimitedRow(r);
            }

            _output.EndMessage();
        }

        cursor.Row = start + rows;
    }

    /// <summary>The binary trailer (if binary), then CopyDone.</summary>
    public void WriteEnd()
    {
        if (_copy.Format == CopyFormat.Binary)
        {
            StartCopyData();
            _output.WriteInt16(-1);
            _output.EndMessage();
        }

        CopyDone.Write(_output);
    }

    /// <summary>Starts a CopyData message, the binary header first in the first one.</summary>
    private void StartCopyData()
    {
        _output.StartMessage((byte)'d');
        if (_binaryHeaderPending)
        {
            _binaryHeaderPending = false;
            _output.WriteBytes(BinarySignature);
            _output.WriteInt32(0); // flags: no OIDs
            _output.WriteInt32(0); // header extension length
        }
    }

    /// <summary>A binary tuple: field count, then each field's length (-1 for NULL) and bytes.</summary>
    private void WriteBinaryRow(int row)
    {
        _output.WriteInt16((short)_encoded.Length);
        foreach (EncodedColumn column in _encoded)
        {
            int length = column.LengthOf(row);
            _output.WriteInt32(length);
            if (length > 0)
            {
                _output.WriteBytes(column.ValueOf(row));
            }
        }
    }

    /// <summary>A text or CSV line: values separated by the delimiter, NULL as its representation, newline-terminated.</summary>
    private void WriteDelimitedRow(int row)
    {
        bool csv = _copy.Format == CopyFormat.Csv;
        for (int c = 0; c < _encoded.Length; c++)
        {
            if (c > 0)
            {
                _output.WriteByte((byte)_copy.Delimiter);
            }

            EncodedColumn column = _encoded[c];
            if (column.LengthOf(row) < 0)
            {
                _output.WriteBytes(_null);
            }
            else if (csv)
            {
                WriteCsvValue(column.ValueOf(row), _forceQuote[c], _encoded.Length == 1);
            }
            else
            {
                WriteTextValue(column.ValueOf(row));
            }
        }

        _output.WriteByte((byte)'\n');
    }

    /// <summary>Text format: backslash, control characters and the delimiter escaped with a backslash.</summary>
    private void WriteTextValue(ReadOnlySpan<byte> value)
    {
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAny(_textSpecials);
            if (special < 0)
            {
                _output.WriteBytes(value);
                return;
            }

            _output.WriteBytes(value[..special]);
            byte b = value[special];
            _output.WriteByte((byte)'\\');
            _output.WriteByte(b switch
            {
                (byte)'\b' => (byte)'b',
                (byte)'\f' => (byte)'f',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                (byte)'\v' => (byte)'v',
                _ => b,
            });
            value = value[(special + 1)..];
        }
    }

    /// <summary>
    /// CSV: quoted when forced, when it contains the delimiter, quote, CR or LF, when it equals the
    /// NULL representation (so it reads back as a value), or when it is a lone <c>\.</c> in a
    /// one-column copy (the end-of-data marker); inside quotes the quote and escape characters
    /// are preceded by the escape character.
    /// </summary>
    private void WriteCsvValue(ReadOnlySpan<byte> value, bool quote, bool singleColumn)
    {
        quote = quote
            || value.SequenceEqual(_null)
            || (singleColumn && value.SequenceEqual("\\."u8))
            || value.IndexOfAny(_csvQuoteTriggers) >= 0;
        if (!quote)
        {
            _output.WriteBytes(value);
            return;
        }

        _output.WriteByte((byte)_copy.Quote);
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAny(_csvEscaped);
            if (special < 0)
            {
                _output.WriteBytes(value);
                break;
            }

            _output.WriteBytes(value[..special]);
            _output.WriteByte((byte)_copy.Escape);
            _output.WriteByte(value[special]);
            value = value[(special + 1)..];
        }

        _output.WriteByte((byte)_copy.Quote);
    }
}
