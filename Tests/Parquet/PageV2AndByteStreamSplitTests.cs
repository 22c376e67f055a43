using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Parquet.Encodings;
using IOx.Pg.Storage.Parquet.Format;
using IOx.Pg.Storage.Parquet.Reader;
using IOx.Pg.Storage.Parquet.Thrift;
using IOx.Pg.Storage.Parquet.Writer;
using Xunit.Abstractions;

namespace IOx.Pg.Tests.Parquet;

/// <summary>
/// Data pages v2 (<see cref="ParquetWriterOptions.DataPageVersion"/>) and BYTE_STREAM_SPLIT floats:
/// the pages are laid out as parquet-format says, our reader returns exactly what was written, and
/// the split is used only where it makes the compressed pages smaller.
/// </summary>
public sealed class PageV2AndByteStreamSplitTests(ITestOutputHelper output)
{
    /// <summary>Schema of the sensor table: slowly varying full-precision measurements.</summary>
    internal static readonly Schema SensorSchema = new(
    [
        new Field("time", DataType.Timestamp, ColumnRole.Time),
        new Field("temp", DataType.Float64, ColumnRole.Field),
        new Field("f32", DataType.Float32, ColumnRole.Field),
    ]);

    /// <summary>Every codec × dictionary × delta with v2 pages reads back exactly, and every data page is v2.</summary>
    [Theory]
    [InlineData(CompressionCodec.Uncompressed, true, true)]
    [InlineData(CompressionCodec.Uncompressed, false, false)]
    [InlineData(CompressionCodec.Snappy, true, true)]
    [InlineData(CompressionCodec.Snappy, false, true)]
    [InlineData(CompressionCodec.Gzip, true, false)]
    [InlineData(CompressionCodec.Zstd, true, true)]
    [InlineData(CompressionCodec.Zstd, false, false)]
    public void V2PagesReadBackExactly(CompressionCodec codec, bool dictionary, bool delta)
    {
        const int rows = 7777;
        var options = new ParquetWriterOptions { Compression = codec, DictionaryEncoding = dictionary, DeltaEncoding = delta, RowGroupRows = 3000, PageRows = 1000, DataPageVersion = 2 };
        byte[] file = ParquetRoundTripTests.WriteTable(rows, options, batchRows: 1234);
        var reader = new ParquetReader(file);
        Assert.Equal(rows, reader.RowCount);
        int r = 0;
        foreach (RecordBatch batch in reader.Read(batchRows: 2500))
        {
            for (int i = 0; i < batch.RowCount; i++, r++)
            {
                object?[] expected = TestTables.Row(r);
                for (int c = 0; c < expected.Length; c++)
                {
                    Assert.Equal(expected[c], TestTables.Get(batch.Column(c), i));
                }
            }
        }

        Assert.Equal(rows, r);
        Assert.All(DataPages(file, reader.Metadata), page => Assert.Equal(PageType.DataPageV2, page.Header.Type));
    }

    /// <summary>
    /// A v2 page: its header counts rows, values and nulls; its definition levels come first,
    /// uncompressed and without a length prefix (they decode straight from the file bytes), and
    /// only the values after them are compressed.
    /// </summary>
    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Uncompressed)]
    public void V2PageLayoutFollowsTheSpecification(CompressionCodec codec)
    {
        const int rows = 5000;
        var options = new ParquetWriterOptions { Compression = codec, RowGroupRows = 5000, PageRows = 700, DataPageVersion = 2 };
        byte[] file = ParquetRoundTripTests.WriteTable(rows, options);
        var reader = new ParquetReader(file);
        var rowsByColumn = new Dictionary<string, int>();
        foreach ((string column, PageHeader header, int bodyOffset) in DataPages(file, reader.Metadata))
        {
            DataPageHeaderV2 v2 = Assert.IsType<DataPageHeaderV2>(header.DataPageHeaderV2);
            Assert.Null(header.DataPageHeader);
            Assert.Equal(v2.NumRows, v2.NumValues);
            Assert.Equal(0, v2.RepetitionLevelsByteLength);
            Assert.Equal(codec != CompressionCodec.Uncompressed, v2.IsCompressed);
            int firstRow = rowsByColumn.GetValueOrDefault(column);
            rowsByColumn[column] = firstRow + v2.NumRows;
            int columnIndex = TestTables.Schema.IndexOf(column);
            int expectedNulls = 0;
            for (int r = firstRow; r < firstRow + v2.NumRows; r++)
            {
                expectedNulls += TestTables.Row(r)[columnIndex] is null ? 1 : 0;
            }

            Assert.Equal(expectedNulls, v2.NumNulls);
            if (column == "time")
            {
                // REQUIRED: no definition levels at all.
                Assert.Equal(0, v2.DefinitionLevelsByteLength);
                continue;
            }

            Assert.True(v2.DefinitionLevelsByteLength > 0);
            var levels = new int[v2.NumRows];
            new RleBitPackedHybridDecoder(file.AsSpan(bodyOffset, v2.DefinitionLevelsByteLength), 1).Read(levels);
            for (int i = 0; i < levels.Length; i++)
            {
                Assert.Equal(TestTables.Row(firstRow + i)[columnIndex] is null ? 0 : 1, levels[i]);
            }

            if (codec == CompressionCodec.Uncompressed)
            {
                Assert.Equal(header.UncompressedPageSize, header.CompressedPageSize);
            }
        }

        Assert.All(rowsByColumn.Values, n => Assert.Equal(rows, n));
    }

    /// <summary>Slowly varying full-precision doubles and floats get BYTE_STREAM_SPLIT with a codec, read back bit-exactly, and make a smaller file.</summary>
    [Theory]
    [InlineData(CompressionCodec.Snappy, 1)]
    [InlineData(CompressionCodec.Snappy, 2)]
    [InlineData(CompressionCodec.Zstd, 1)]
    [InlineData(CompressionCodec.Gzip, 2)]
    public void SplitFloatsReadBackExactlyAndAreSmaller(CompressionCodec codec, int pageVersion)
    {
        const int rows = 20_000;
        List<double?[]> expected = SensorRows(rows);
        var options = new ParquetWriterOptions { Compression = codec, DataPageVersion = pageVersion, PageRows = 3000 };
        byte[] split = WriteSensors(expected, options);
        byte[] plain = WriteSensors(expected, new ParquetWriterOptions { Compression = codec, DataPageVersion = pageVersion, PageRows = 3000, ByteStreamSplitEncoding = false });
        output.WriteLine($"{codec} v{pageVersion}: split {split.Length} bytes, plain {plain.Length} bytes");
        Assert.True(split.Length < plain.Length, $"split {split.Length} >= plain {plain.Length}");

        var reader = new ParquetReader(split);
        foreach (ColumnChunk chunk in reader.Metadata.RowGroups[0].Columns)
        {
            ColumnMetaData meta = chunk.MetaData!;
            if (meta.PathInSchema[0] != "time")
            {
                Assert.Contains(Encoding.ByteStreamSplit, meta.Encodings);
                Assert.DoesNotContain(Encoding.Plain, meta.Encodings);
            }
        }

        AssertSensorRows(expected, reader);
        AssertSensorRows(expected, new ParquetReader(plain));
    }

    /// <summary>
    /// A chunk whose first page holds no values decides on its next page: the empty page is PLAIN,
    /// the rest split; our reader and DuckDB read the mixed chunk exactly.
    /// </summary>
    [Fact]
    public void AnEmptyFirstPageLeavesTheChoiceToTheNext()
    {
        List<double?[]> expected = SensorRows(6000);
        for (int r = 0; r < 1000; r++)
        {
            expected[r] = [null, null];
        }

        byte[] file = WriteSensors(expected, new ParquetWriterOptions { Compression = CompressionCodec.Snappy, PageRows = 1000, DataPageVersion = 2 });
        var reader = new ParquetReader(file);
        foreach (ColumnChunk chunk in reader.Metadata.RowGroups[0].Columns.Skip(1))
        {
            Assert.Contains(Encoding.Plain, chunk.MetaData!.Encodings);
            Assert.Contains(Encoding.ByteStreamSplit, chunk.MetaData!.Encodings);
        }

        List<(string Column, PageHeader Header, int BodyOffset)> pages = DataPages(file, reader.Metadata);
        Assert.All(pages.Where(p => p.Column != "time"), p => Assert.Equal(p.Header.DataPageHeaderV2!.NumNulls == 1000 ? Encoding.Plain : Encoding.ByteStreamSplit, p.Header.DataPageHeaderV2.Encoding));
        AssertSensorRows(expected, reader);

        string path = Path.Combine(Path.GetTempPath(), $"iox-split-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, file);
            DuckDbResult result = DuckDb.Run($"SELECT temp, f32::DOUBLE FROM read_parquet({DuckDb.Quote(path)}, file_row_number = true) ORDER BY file_row_number");
            Assert.Equal(expected.Count, result.Rows.Count);
            for (int r = 0; r < expected.Count; r++)
            {
                DuckDbReadsOurFilesTests.AssertValue(expected[r][0], result.Rows[r][0], $"row {r} temp");
                DuckDbReadsOurFilesTests.AssertValue(expected[r][1] is double f ? (double)(float)f : null, result.Rows[r][1], $"row {r} f32");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Values whose bytes do not compress either way stay PLAIN, and without a codec the split is never tried.</summary>
    [Fact]
    public void PlainIsKeptWhereSplitDoesNotHelp()
    {
        const int rows = 6000;
        var random = new Random(12345);
        var noise = new List<double?[]>();
        for (int r = 0; r < rows; r++)
        {
            // Random finite bit patterns: no byte position is more predictable than another.
            double value = BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFFL);
            noise.Add([value, (float)value]);
        }

        AssertOnlyPlainFloats(WriteSensors(noise, new ParquetWriterOptions { Compression = CompressionCodec.Snappy }), noise);
        List<double?[]> smooth = SensorRows(rows);
        AssertOnlyPlainFloats(WriteSensors(smooth, new ParquetWriterOptions { Compression = CompressionCodec.Uncompressed }), smooth);
    }

    /// <summary>
    /// Measures file sizes on TSBS-like rows (100 hosts, 10-second interval, 10 fields): metrics in
    /// hundredths (dictionary-encoded, so the split does not apply) and the same metrics at full
    /// precision (where it does), each with v1 and v2 pages; prints bytes per row.
    /// </summary>
    [Fact]
    public void MeasuresBytesPerRowOnTsbsLikeData()
    {
        const int hosts = 100;
        const int steps = 360;
        foreach (bool hundredths in new[] { true, false })
        {
            List<RecordBatch> batches = TsbsLikeBatches(hosts, steps, hundredths);
            var times = new List<double>();
            long Size(ParquetWriterOptions options)
            {
                using var stream = new MemoryStream();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                ParquetWriter.WriteFile(stream, batches[0].Schema, batches, options);
                times.Add(watch.Elapsed.TotalMilliseconds);
                return stream.Length;
            }

            long v1Plain = Size(new ParquetWriterOptions { ByteStreamSplitEncoding = false });
            long v1 = Size(new ParquetWriterOptions());
            long v2 = Size(new ParquetWriterOptions { DataPageVersion = 2 });
            double perRow = hosts * steps;
            output.WriteLine(
                $"{(hundredths ? "hundredths" : "full precision")}: v1 without split {v1Plain / perRow:F2} B/row, v1 {v1 / perRow:F2} B/row, v2 {v2 / perRow:F2} B/row; "
                + $"write {times[0]:F0} / {times[1]:F0} / {times[2]:F0} ms (one run each, noisy)");
            Assert.True(v1 <= v1Plain);
            if (hundredths)
            {
                // Dictionary-encoded metrics: the split never applies.
                Assert.Equal(v1Plain, v1);
            }
        }
    }

    /// <summary>TSBS-like cpu rows sorted by host then time: 10 random-walk metrics in [0, 100], rounded to hundredths or not.</summary>
    internal static List<RecordBatch> TsbsLikeBatches(int hosts, int steps, bool hundredths)
    {
        var fields = new List<Field> { new("hostname", DataType.Utf8, ColumnRole.Tag) };
        for (int f = 0; f < 10; f++)
        {
            fields.Add(new Field("usage_" + f, DataType.Float64, ColumnRole.Field));
        }

        fields.Add(new Field("time", DataType.Timestamp, ColumnRole.Time));
        var schema = new Schema(fields);
        var random = new Random(7);
        var batches = new List<RecordBatch>();
        for (int h = 0; h < hosts; h++)
        {
            var builders = schema.Fields.Select(field => ColumnBuilder.Create(field.Type, steps, dictionary: field.Role == ColumnRole.Tag)).ToArray();
            var levels = new double[10];
            for (int f = 0; f < 10; f++)
            {
                levels[f] = random.NextDouble() * 100;
            }

            for (int s = 0; s < steps; s++)
            {
                TestTables.Append(builders[0], "host_" + h);
                for (int f = 0; f < 10; f++)
                {
                    levels[f] = Math.Clamp(levels[f] + ((random.NextDouble() - 0.5) * 2), 0, 100);
                    TestTables.Append(builders[f + 1], hundredths ? Math.Round(levels[f], 2) : levels[f]);
                }

                TestTables.Append(builders[11], 1_451_606_400_000_000_000L + (s * 10_000_000_000L));
            }

            batches.Add(new RecordBatch(schema, builders.Select(b => b.Build()).ToArray(), steps));
        }

        return batches;
    }

    /// <summary>Sensor rows: [temp, f32], random walks at full precision with nulls and NaN, ±0, ±∞ sprinkled in.</summary>
    internal static List<double?[]> SensorRows(int rows)
    {
        var random = new Random(42);
        var result = new List<double?[]>(rows);
        double temp = 20;
        float f32 = 1000;
        for (int r = 0; r < rows; r++)
        {
            temp += (random.NextDouble() - 0.5) * 0.1;
            f32 += (float)((random.NextDouble() - 0.5) * 0.5);
            double? t = r % 101 == 7 ? null : r % 997 == 1 ? double.NaN : r % 1999 == 2 ? -0.0 : r % 2999 == 3 ? double.NegativeInfinity : temp;
            double? f = r % 89 == 5 ? null : r % 1009 == 4 ? float.NaN : r % 2003 == 6 ? float.PositiveInfinity : f32;
            result.Add([t, f]);
        }

        return result;
    }

    /// <summary>Writes the sensor rows (time = row number seconds) in batches of 4,000.</summary>
    internal static byte[] WriteSensors(List<double?[]> rows, ParquetWriterOptions options)
    {
        var batches = new List<RecordBatch>();
        for (int start = 0; start < rows.Count; start += 4000)
        {
            int count = Math.Min(4000, rows.Count - start);
            var time = new PrimitiveColumnBuilder<long>(DataType.Timestamp, count);
            var temp = new PrimitiveColumnBuilder<double>(DataType.Float64, count);
            var f32 = new PrimitiveColumnBuilder<float>(DataType.Float32, count);
            for (int r = start; r < start + count; r++)
            {
                time.Append(r * 1_000_000_000L);
                TestTables.Append(temp, rows[r][0]);
                if (rows[r][1] is double f)
                {
                    f32.Append((float)f);
                }
                else
                {
                    f32.AppendNull();
                }
            }

            batches.Add(new RecordBatch(SensorSchema, [time.Build(), temp.Build(), f32.Build()], count));
        }

        using var stream = new MemoryStream();
        ParquetWriter.WriteFile(stream, SensorSchema, batches, options);
        return stream.ToArray();
    }

    /// <summary>Checks every value bit-exactly (NaN payloads and the sign of zero included).</summary>
    private static void AssertSensorRows(List<double?[]> expected, ParquetReader reader)
    {
        int r = 0;
        foreach (RecordBatch batch in reader.Read())
        {
            var temp = (PrimitiveColumn<double>)batch.Column(1);
            var f32 = (PrimitiveColumn<float>)batch.Column(2);
            for (int i = 0; i < batch.RowCount; i++, r++)
            {
                Assert.Equal(r * 1_000_000_000L, ((PrimitiveColumn<long>)batch.Column(0)).Values[i]);
                Assert.Equal(expected[r][0] is not null, temp.IsValid(i));
                if (expected[r][0] is double t)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(t), BitConverter.DoubleToInt64Bits(temp.Values[i]));
                }

                Assert.Equal(expected[r][1] is not null, f32.IsValid(i));
                if (expected[r][1] is double f)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits((float)f), BitConverter.SingleToInt32Bits(f32.Values[i]));
                }
            }
        }

        Assert.Equal(expected.Count, r);
    }

    /// <summary>The file's float columns use PLAIN only, and read back exactly.</summary>
    private static void AssertOnlyPlainFloats(byte[] file, List<double?[]> expected)
    {
        var reader = new ParquetReader(file);
        foreach (RowGroup group in reader.Metadata.RowGroups)
        {
            foreach (ColumnChunk chunk in group.Columns)
            {
                Assert.DoesNotContain(Encoding.ByteStreamSplit, chunk.MetaData!.Encodings);
            }
        }

        AssertSensorRows(expected, reader);
    }

    /// <summary>Every data page of the file: its column, header and the file offset of its body.</summary>
    internal static List<(string Column, PageHeader Header, int BodyOffset)> DataPages(byte[] file, FileMetaData metadata)
    {
        var pages = new List<(string, PageHeader, int)>();
        foreach (RowGroup group in metadata.RowGroups)
        {
            foreach (ColumnChunk chunk in group.Columns)
            {
                ColumnMetaData meta = chunk.MetaData!;
                long offset = meta.DictionaryPageOffset ?? meta.DataPageOffset;
                long end = offset + meta.TotalCompressedSize;
                while (offset < end)
                {
                    var thrift = new ThriftCompactReader(file.AsSpan((int)offset, (int)(end - offset)));
                    PageHeader header = PageHeader.Read(ref thrift);
                    int body = (int)offset + thrift.Position;
                    if (header.Type != PageType.DictionaryPage)
                    {
                        pages.Add((meta.PathInSchema[0], header, body));
                    }

                    offset = body + header.CompressedPageSize;
                }
            }
        }

        return pages;
    }
}
