namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>What <see cref="LineProtocolReader.Read"/> produced.</summary>
public enum LineReadStatus : byte
{
    /// <summary>No more lines.</summary>
    EndOfInput = 0,
    /// <summary>A valid line.</summary>
    Line = 1,
    /// <summary>A malformed line; reading may go on with the next one.</summary>
    Error = 2,
}
