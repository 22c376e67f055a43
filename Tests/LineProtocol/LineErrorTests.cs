using IOx.Pg.Protocol.LineProtocol;

namespace IOx.Pg.Tests.LineProtocol;

/// <summary>Every parser error: its kind, its line number, its reason, and that parsing goes on after it.</summary>
public sealed class LineErrorTests
{
    [Theory]
    [InlineData(",t=1 f=1", LineErrorKind.MissingMeasurement, "missing measurement")]
    [InlineData(" ,t=1 f=1", LineErrorKind.MissingMeasurement, "missing measurement")]
    [InlineData("m", LineErrorKind.MissingFields, "missing fields")]
    [InlineData("m   ", LineErrorKind.MissingFields, "missing fields")]
    [InlineData("m,t=1", LineErrorKind.MissingFields, "missing fields")]
    [InlineData("m,t=1 ", LineErrorKind.MissingFields, "missing fields")]
    [InlineData("m,=1 f=1", LineErrorKind.MissingTagKey, "missing tag key")]
    [InlineData("m, f=1", LineErrorKind.MissingTagKey, "missing tag key")]
    [InlineData("m,t f=1", LineErrorKind.MissingTagValue, "tag key 't' is not followed by '='")]
    [InlineData("m,t= f=1", LineErrorKind.MissingTagValue, "missing tag value for tag key 't'")]
    [InlineData("m,t=1, f=1", LineErrorKind.MissingTagKey, "missing tag key")]
    [InlineData("m,t=a=b f=1", LineErrorKind.InvalidTagValue, "unescaped '='")]
    [InlineData("m =1", LineErrorKind.MissingFieldKey, "missing field key")]
    [InlineData("m f=1,=2", LineErrorKind.MissingFieldKey, "missing field key")]
    [InlineData("m f=1, 5", LineErrorKind.MissingFieldKey, "missing field key")]
    [InlineData("m f", LineErrorKind.MissingFieldValue, "field key 'f' is not followed by '='")]
    [InlineData("m f 1", LineErrorKind.MissingFieldValue, "field key 'f' is not followed by '='")]
    [InlineData("m f=", LineErrorKind.MissingFieldValue, "missing field value for field key 'f'")]
    [InlineData("m f= 1", LineErrorKind.MissingFieldValue, "missing field value for field key 'f'")]
    [InlineData("m f=,g=1", LineErrorKind.MissingFieldValue, "missing field value for field key 'f'")]
    [InlineData("m f=\"abc", LineErrorKind.UnterminatedString, "unterminated string value for field key 'f'")]
    [InlineData("m f=\"abc\\\"", LineErrorKind.UnterminatedString, "unterminated string")]
    [InlineData("m f=\"abc\\", LineErrorKind.UnterminatedString, "unterminated string")]
    [InlineData("m f=\"a\"b", LineErrorKind.InvalidFieldValue, "after the string value of field key 'f'")]
    [InlineData("m\\", LineErrorKind.UnterminatedEscape, "backslash at the end of the line")]
    [InlineData("m,t=a\\", LineErrorKind.UnterminatedEscape, "backslash at the end of the line")]
    [InlineData("m f\\", LineErrorKind.UnterminatedEscape, "backslash at the end of the line")]
    [InlineData("m f=1 12a", LineErrorKind.InvalidTimestamp, "invalid timestamp '12a'")]
    [InlineData("m f=1 1.5", LineErrorKind.InvalidTimestamp, "invalid timestamp '1.5'")]
    [InlineData("m f=1 -", LineErrorKind.InvalidTimestamp, "invalid timestamp '-'")]
    [InlineData("m f=1 9223372036854775808", LineErrorKind.TimestampOutOfRange, "out of range")]
    [InlineData("m f=1 99999999999999999999999", LineErrorKind.TimestampOutOfRange, "out of range")]
    [InlineData("m f=1 1 2", LineErrorKind.TrailingText, "unexpected text after the timestamp")]
    [InlineData("m,t=a,t=b f=1", LineErrorKind.DuplicateTag, "duplicate tag key 't'")]
    [InlineData("m f=1,g=2,f=3", LineErrorKind.DuplicateField, "duplicate field key 'f'")]
    [InlineData("m,k=a k=1", LineErrorKind.TagAndField, "key 'k' is used as both a tag and a field")]
    [InlineData("m,x\\,y=a x\\,y=1", LineErrorKind.TagAndField, "key 'x,y'")]
    [InlineData("m time=1", LineErrorKind.ReservedKey, "field key 'time' is not allowed")]
    [InlineData("m,time=a f=1", LineErrorKind.ReservedKey, "tag key 'time' is not allowed")]
    public void ErrorKindsAndReasons(string text, LineErrorKind kind, string reason)
    {
        ErrorCopy error = LineParse.Error(text);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(reason, error.Message);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(text, error.Text);
    }

    [Fact]
    public void TimestampOverflowAfterPrecisionConversion()
    {
        ErrorCopy error = LineParse.Error("m f=1 9300000000000", TimestampPrecision.Second);
        Assert.Equal(LineErrorKind.TimestampOutOfRange, error.Kind);
        Assert.Contains("out of range once converted to nanoseconds", error.Message);
    }

    [Fact]
    public void DuplicateKeysInWideLinesAreFound()
    {
        var fields = string.Join(",", Enumerable.Range(0, 100).Select(i => $"f{i}=1"));
        ErrorCopy error = LineParse.Error($"m {fields},f57=2");
        Assert.Equal(LineErrorKind.DuplicateField, error.Kind);
        Assert.Contains("'f57'", error.Message);

        var tags = string.Join(",", Enumerable.Range(0, 30).Select(i => $"k{i}=v"));
        ErrorCopy mixed = LineParse.Error($"m,{tags} a=1,b=2,k29=3");
        Assert.Equal(LineErrorKind.TagAndField, mixed.Kind);
    }

    [Fact]
    public void InvalidUtf8AnywhereRejectsTheLine()
    {
        byte[][] bodies =
        [
            [(byte)'m', 0xFF, .. " f=1"u8],
            [.. "m,t="u8, 0xC3, .. " f=1"u8],
            [.. "m,t=a f"u8, 0xC0, 0xAF, .. "=1"u8],
            [.. "m f=\""u8, 0xED, 0xA0, 0x80, .. "\""u8],
            [.. "m,"u8, 0xF8, .. "=a f=1"u8],
        ];
        foreach (byte[] body in bodies)
        {
            (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse([.. body, .. "\nm f=1"u8]);
            Assert.Single(lines);
            ErrorCopy error = Assert.Single(errors);
            Assert.Equal(LineErrorKind.InvalidUtf8, error.Kind);
            Assert.Equal("the line is not valid UTF-8", error.Message);
            Assert.Equal(1, error.LineNumber);
        }
    }

    [Fact]
    public void MalformedLinesDoNotStopTheFollowingOnes()
    {
        string body = string.Join("\n",
            "m f=1 1",
            "m f=",
            "m,t=a\\",
            "m f=\"open",
            "m f=2 2",
            "m f=1,f=2",
            "",
            "m f=3 3");
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse(body);
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Timestamp));
        Assert.Equal([1, 5, 8], lines.Select(l => l.LineNumber));
        Assert.Equal([2, 3, 4, 6], errors.Select(e => e.LineNumber));
        Assert.Equal(["m f=", "m,t=a\\", "m f=\"open", "m f=1,f=2"], errors.Select(e => e.Text));
        Assert.Equal(LineErrorKind.UnterminatedString, errors[2].Kind);
    }

    [Fact]
    public void CrlfLineTextExcludesCarriageReturn()
    {
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse("m f=1 1\r\nm f=x\r\nm f=2\r\n");
        Assert.Equal(2, lines.Count);
        Assert.Equal("m f=1 1", lines[0].Text);
        ErrorCopy error = Assert.Single(errors);
        Assert.Equal("m f=x", error.Text);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(LineParse.DefaultTime, lines[1].Timestamp);
        Assert.Equal(2.0, lines[1].Fields[0].Value);
    }

    [Fact]
    public void ErrorTextWithInvalidUtf8IsStillReportable()
    {
        byte[] body = [.. "m,t="u8, 0xFF, .. " f=1\nm f=1"u8];
        (List<ParsedCopy> lines, List<ErrorCopy> errors) = LineParse.Parse(body);
        Assert.Single(lines);
        Assert.Equal("m,t=\uFFFD f=1", errors[0].Text);
    }
}
