namespace IOx.Pg.Protocol.PgWire.Messages.Frontend;

/// <summary>Type bytes of the frontend messages of protocol 3.0 (PostgreSQL documentation, "Message Formats").</summary>
public static class FrontendCode
{
    public const byte Bind = (byte)'B';
    public const byte Close = (byte)'C';
    public const byte CopyData = (byte)'d';
    public const byte CopyDone = (byte)'c';
    public const byte CopyFail = (byte)'f';
    public const byte Describe = (byte)'D';
    public const byte Execute = (byte)'E';
    public const byte Flush = (byte)'H';
    public const byte FunctionCall = (byte)'F';
    public const byte Parse = (byte)'P';
    public const byte PasswordMessage = (byte)'p';
    public const byte Query = (byte)'Q';
    public const byte Sync = (byte)'S';
    public const byte Terminate = (byte)'X';
}
