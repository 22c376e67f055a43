namespace IOx.Pg.Server.Hosting;

/// <summary>The server cannot start as configured (a missing password, an unusable certificate); the message says what to fix.</summary>
public sealed class ServerConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServerConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServerConfigurationException()
    {
    }
}
