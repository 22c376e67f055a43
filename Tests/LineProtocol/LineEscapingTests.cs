using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>Structure of a line and every escaping rule.</summary>
public sealed class LineEscapingTests
{
    [Fact]
    public void FullLineParsesAllParts()
    {
        ParsedCopy line = LineParse.One("cpu,host=a,region=eu usage=1.5,count=3i,ok=t,name=\"x\" 1700000000000000001");
        Assert.Equal("cpu", line.Measurement);
        Assert.Equal([("host", "a"), ("region", "eu")], line.Tags);
        Assert.Equal(4, line.Fields.Count);
        Assert.Equal(("usage", LineFieldType.Float, (object)1.5), line.Fields[0]);
        Assert.Equal(("count", LineFieldType.Integer, (object)3L), line.Fields[1]);
        Assert.Equal(("ok", LineFieldType.Boolean, (object)true), line.Fields[2]);
        Assert.Equal(("name", LineFieldType.String, (object)"x"), line.Fields[3]);
        Assert.Equal(1700000000000000001, line.Timestamp);
        Assert.True(line.HasTimestamp);
        Assert.Equal(1, line.LineNumber);
    }

    [Fact]
    public void LineWithoutTimestampGetsServerTime()
    {
        ParsedCopy line = LineParse.One("m f=1");
        Assert.False(line.HasTimestamp);
        Assert.Equal(LineParse.DefaultTime, line.Timestamp);
    }

    [Theory]
    [InlineData(@"my\,m f=1", "my,m")]
    [InlineData(@"my\ m f=1", "my m")]
    [InlineData(@"a=b f=1", "a=b")]
    [InlineData(@"a\=b f=1", @"a\=b")]
    [InlineData(@"a\\b f=1", @"a\b")]
    [InlineData(@"a\\\\b f=1", @"a\\b")]
    [InlineData(@"a\\\b f=1", @"a\\b")]
    [InlineData(@"a\xb f=1", @"a\xb")]
    [InlineData(@"a""b f=1", @"a""b")]
    [InlineData(@"a\ \,\ b f=1", "a , b")]
    public void MeasurementEscapes(string text, string measurement) =>
        Assert.Equal(measurement, LineParse.One(text).Measurement);

    [Theory]
    [InlineData(@"m,k\,1=v\,1 f=1", "k,1", "v,1")]
    [InlineData(@"m,k\=1=v\=1 f=1", "k=1", "v=1")]
    [InlineData(@"m,k\ 1=v\ 1 f=1", "k 1", "v 1")]
    [InlineData(@"m,k\\=v\\ f=1", @"k\", @"v\")]
    [InlineData(@"m,k\x=v\y f=1", @"k\x", @"v\y")]
    [InlineData(@"m,k=""quoted"" f=1", "k", "\"quoted\"")]
    [InlineData("m,k=héllo→ f=1", "k", "héllo→")]
    public void TagEscapes(string text, string key, string value) =>
        Assert.Equal([(key, value)], LineParse.One(text).Tags);

    [Theory]
    [InlineData(@"m f\,1=1", "f,1")]
    [InlineData(@"m f\=1=1", "f=1")]
    [InlineData(@"m f\ 1=1", "f 1")]
    [InlineData(@"m f\\=1", @"f\")]
    [InlineData(@"m f\q=1", @"f\q")]
    public void FieldKeyEscapes(string text, string key) =>
        Assert.Equal(key, LineParse.Field(text).Key);

    [Theory]
    [InlineData(@"m s=""a\""b""", "a\"b")]
    [InlineData(@"m s=""a\\b""", @"a\b")]
    [InlineData(@"m s=""a\nb""", @"a\nb")]
    [InlineData(@"m s=""a\\\""b""", "a\\\"b")]
    [InlineData(@"m s=""a,b c=d""", "a,b c=d")]
    [InlineData(@"m s=""""", "")]
    [InlineData(@"m s=""\""""", "\"")]
    [InlineData("m s=\"日本語 ✓\"", "日本語 ✓")]
    public void StringValueEscapes(string text, string value) =>
        Assert.Equal(("s", LineFieldType.String, (object)value), LineParse.Field(text));

    [Fact]
    public void StringValueMaySpanLinesAndLineNumbersCountThem()
    {
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse("m s=\"one\ntwo\" 1\nm f=2 2\nbad\n");
        Assert.Equal(2, lines.Count);
        Assert.Equal("one\ntwo", lines[0].Fields[0].Value);
        Assert.Equal(1, lines[0].LineNumber);
        Assert.Equal(3, lines[1].LineNumber);
        ErrorCopy error = Assert.Single(errors);
        Assert.Equal(4, error.LineNumber);
    }

    [Fact]
    public void RejectedLineWithMultiLineStringIsSkippedWhole()
    {
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse("m s=\"a\nb\",s=1 1\nm f=1 2\n");
        ErrorCopy error = Assert.Single(errors);
        Assert.Equal(LineErrorKind.DuplicateField, error.Kind);
        Assert.Equal("m s=\"a\nb\",s=1 1", error.Text);
        ParsedCopy line = Assert.Single(lines);
        Assert.Equal(3, line.LineNumber);
    }

    [Fact]
    public void CommentsBlankLinesCrlfAndWhitespace()
    {
        string body = "# a comment\r\n\r\n   \ncpu f=1 10\r\n  \tcpu f=2   20   \r\n\n#x f=1\ncpu f=3\r\n";
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse(body);
        Assert.Empty(errors);
        Assert.Equal(3, lines.Count);
        Assert.Equal([4, 5, 8], lines.Select(l => l.LineNumber));
        Assert.Equal([10L, 20L, LineParse.DefaultTime], lines.Select(l => l.Timestamp));
        Assert.Equal("cpu f=1 10", lines[0].Text);
        Assert.Equal(3.0, lines[2].Fields[0].Value);
    }

    [Fact]
    public void MultipleSpacesBetweenSections()
    {
        ParsedCopy line = LineParse.One("m,t=1    f=1    5");
        Assert.Equal(5, line.Timestamp);
    }

    [Fact]
    public void ManyTagsAndFieldsAreAllKept()
    {
        var tags = string.Join(",", Enumerable.Range(0, 40).Select(i => $"t{i}=v{i}"));
        var fields = string.Join(",", Enumerable.Range(0, 70).Select(i => $"f{i}={i}i"));
        ParsedCopy line = LineParse.One($"m,{tags} {fields} 1");
        Assert.Equal(40, line.Tags.Count);
        Assert.Equal(70, line.Fields.Count);
        Assert.Equal(("t39", "v39"), line.Tags[39]);
        Assert.Equal(("f69", LineFieldType.Integer, (object)69L), line.Fields[69]);
    }

    [Fact]
    public void LongEscapedValuesGrowScratch()
    {
        string value = string.Concat(Enumerable.Repeat(@"a\,b", 2000));
        ParsedCopy line = LineParse.One($"m,t={value} s=\"{value.Replace(@"\,", @"\""")}\"");
        Assert.Equal(string.Concat(Enumerable.Repeat("a,b", 2000)), line.Tags[0].Value);
        Assert.Equal(string.Concat(Enumerable.Repeat("a\"b", 2000)), line.Fields[0].Value);
    }

    [Fact]
    public void BufferReuseAcrossLinesKeepsEachLineCorrect()
    {
        (List<ParsedCopy> lines, _) = LineParse.Parse("m\\ 1,t=a\\ b f=1\nm2,t=c f=2\nm\\,3 s=\"q\\\"\"\n");
        Assert.Equal(["m 1", "m2", "m,3"], lines.Select(l => l.Measurement));
        Assert.Equal("a b", lines[0].Tags[0].Value);
        Assert.Equal("c", lines[1].Tags[0].Value);
        Assert.Equal("q\"", lines[2].Fields[0].Value);
    }
}
