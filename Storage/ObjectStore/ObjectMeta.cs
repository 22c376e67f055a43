namespace IOx.Pg.Storage.ObjectStore;

/// <summary>What an object store knows about one object without reading it.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="LastModified">When it was last put (UTC).</param>
public sealed record ObjectMeta(string Key, long Size, DateTimeOffset LastModified);
