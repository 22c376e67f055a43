using System.Text;
using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Tests.Wal;

/// <summary>CRC-32C against published vectors (the check value and RFC 3720 B.4), hardware against table.</summary>
public sealed class Crc32CTests
{
    /// <summary>RFC 3720 appendix B.4 vectors and the catalogue check value.</summary>
    public static TheoryData<string, uint> Vectors => new()
    {
        { "313233343536373839", 0xE3069283u },
        { "", 0x00000000u },
        { new string('0', 64), 0x8A9136AAu },
        { new string('f', 64), 0x62A8AB43u },
        { Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), 0x46DD794Eu },
        { Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()), 0x113FDB5Cu },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void KnownVectors(string hex, uint expected)
    {
        byte[] data = Convert.FromHexString(hex);
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.ComputeSoftware(data));
    }

    [Fact]
    public void CheckValueOfAsciiDigits() => Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void HardwareAndTableAgreeOnEveryLengthAndAlignment()
    {
        var random = new Random(3720);
        byte[] data = new byte[4096 + 16];
        random.NextBytes(data);
        for (int offset = 0; offset < 8; offset++)
        {
            for (int length = 0; length <= 300; length++)
            {
                ReadOnlySpan<byte> slice = data.AsSpan(offset, length);
                Assert.Equal(Crc32C.ComputeSoftware(slice), Crc32C.Compute(slice));
            }
        }

        Assert.Equal(Crc32C.ComputeSoftware(data), Crc32C.Compute(data));
    }

    [Fact]
    public void DetectsASingleBitFlip()
    {
        byte[] data = Encoding.ASCII.GetBytes("cpu,host=a usage=1 1");
        uint before = Crc32C.Compute(data);
        data[5] ^= 0x10;
        Assert.NotEqual(before, Crc32C.Compute(data));
    }
}
