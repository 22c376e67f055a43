namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// The catalog file cannot be used: it is not an IOx.Pg catalog, its schema is newer than this
/// build knows, or it cannot be put in WAL mode. The server must not start on it.
/// </summary>
public sealed class CatalogException : Exception
{
    /// <summary>Creates the error.</summary>
    public CatalogException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error without a message.</summary>
    public CatalogException()
    {
    }

    /// <summary>Creates the error with a cause.</summary>
    public CatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
