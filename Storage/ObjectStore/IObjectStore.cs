namespace IOx.Pg.Storage.ObjectStore;

/// <summary>
/// A flat store of immutable objects named by '/'-separated keys (the model of S3 and of a local
/// directory tree). A put is atomic: readers see either no object or the whole object, never a
/// prefix of it. Keys must satisfy <see cref="ObjectKeys.ValidateKey"/>; anything user-controlled
/// inside a key is escaped by <see cref="ObjectKeys"/> first.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="data"/> under <paramref name="key"/>, replacing any object there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Stores the whole of <paramref name="content"/> under <paramref name="key"/>; if reading it fails, no object is stored.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The whole object; <see cref="ObjectNotFoundException"/> when there is none.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="length"/> bytes from <paramref name="offset"/>; the range must lie inside the
    /// object (<see cref="ArgumentOutOfRangeException"/> otherwise), <see cref="ObjectNotFoundException"/> when there is none.
    /// </summary>
    Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default);

    /// <summary>The object's size and modification time, or null when there is none.</summary>
    Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> (ordinal), sorted by key.</summary>
    Task<IReadOnlyList<ObjectMeta>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; false when there was none (deleting is idempotent).</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
