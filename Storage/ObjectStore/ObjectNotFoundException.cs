namespace IOx.Pg.Storage.ObjectStore;

/// <summary>A get of a key that holds no object.</summary>
public sealed class ObjectNotFoundException : Exception
{
    /// <summary>Creates the error for <paramref name="key"/>.</summary>
    public ObjectNotFoundException(string key)
        : base($"no object with key {key}")
    {
        Key = key;
    }

    /// <summary>Creates the error with a message.</summary>
    public ObjectNotFoundException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public ObjectNotFoundException(string key, Exception innerException)
        : base($"no object with key {key}", innerException)
    {
        Key = key;
    }

    /// <summary>The key that was asked for.</summary>
    public string Key { get; } = string.Empty;
}
