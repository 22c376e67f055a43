using IOx.Pg.Storage.Wal;

namespace IOx.Pg.Storage.ObjectStore;

/// <summary>
/// An <see cref="IObjectStore"/> over a directory: key <c>a/b/c</c> is the file
/// <c>&lt;root&gt;/a/b/c</c>. A put writes a hidden temporary file in the target directory,
/// fsyncs it, renames it over the target (atomic within a directory on POSIX and NTFS) and fsyncs
/// the directory, so after a crash a key holds the old object, the new one, or nothing, never a
/// prefix. Temporary files start with '.', which no valid key segment does, so they are never
/// listed or returned; a crash can leave one behind, and <see cref="RemoveTemporaryFiles"/> cleans
/// them at start-up.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    /// <summary>Suffix of temporary files (their names also start with '.').</summary>
    private const string TemporarySuffix = ".tmp";

    /// <summary>The root directory, absolute, ending with a directory separator.</summary>
    private readonly string _root;

    /// <summary>Opens (creating if needed) the store at <paramref name="rootDirectory"/>.</summary>
    public LocalObjectStore(string rootDirectory)
    {
        string full = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(full);
        _root = Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar;
    }

    /// <summary>The root directory.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc/>
    public Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        PutCoreAsync(key, data, null, cancellationToken);

    /// <inheritdoc/>
    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return PutCoreAsync(key, default, content, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            // A key that names a directory (a prefix of other keys) holds no object.
            throw new ObjectNotFoundException(key, e);
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        string path = PathOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw new ObjectNotFoundException(key, e);
        }

        await using (stream.ConfigureAwait(false))
        {
            long size = stream.Length;
            if (offset > size || length > size - offset)
            {
                throw new ArgumentOutOfRangeException(nameof(length), $"range {offset}+{length} lies outside object {key} of {size} bytes");
            }

            byte[] buffer = new byte[length];
            int read = 0;
            while (read < length)
            {
                int n = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer.AsMemory(read), offset + read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    // Objects are immutable once put (a replacement is a new file renamed over
                    // the name), so a short read means the file system is misbehaving.
                    throw new IOException($"object {key} ended after {offset + read} bytes while reading a range");
                }

                read += n;
            }

            return buffer;
        }
    }

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(key));
        ObjectMeta? meta = info.Exists ? new ObjectMeta(key, info.Length, info.LastWriteTimeUtc) : null;
        return Task.FromResult(meta);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ObjectMeta>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKeys.ValidatePrefix(prefix);

        // Walk only the deepest directory the prefix names completely.
        int lastSlash = prefix.LastIndexOf('/');
        string directory = lastSlash < 0 ? _root : _root + prefix[..lastSlash].Replace('/', Path.DirectorySeparatorChar);
        var result = new List<ObjectMeta>();
        if (Directory.Exists(directory))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
            foreach (string file in Directory.EnumerateFiles(directory, "*", options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string key = file[_root.Length..].Replace(Path.DirectorySeparatorChar, '/');
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || !IsValidKey(key))
                {
                    // Temporary files and anything else no put could have made.
                    continue;
                }

                var info = new FileInfo(file);
                if (info.Exists)
                {
                    result.Add(new ObjectMeta(key, info.Length, info.LastWriteTimeUtc));
                }
            }
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Task.FromResult<IReadOnlyList<ObjectMeta>>(result);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        DirectorySync.Sync(Path.GetDirectoryName(path)!);
        return Task.FromResult(true);
    }

    /// <summary>Deletes temporary files a crash left behind; call before the store is shared. Returns how many.</summary>
    public int RemoveTemporaryFiles()
    {
        int removed = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        foreach (string file in Directory.EnumerateFiles(_root, "." + "*" + TemporarySuffix, options))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <summary>The file of a key, after checking the key cannot name anything outside the root.</summary>
    private string PathOf(string key)
    {
        ObjectKeys.ValidateKey(key);
        string path = Path.GetFullPath(_root + key.Replace('/', Path.DirectorySeparatorChar));

        // Defence in depth: validation already excludes "..", separators other than '/', and
        // rooted or drive-qualified segments.
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"object key {key} leaves the store's root", nameof(key));
        }

        return path;
    }

    /// <summary>True when a put could have made this key.</summary>
    private static bool IsValidKey(string key)
    {
        try
        {
            ObjectKeys.ValidateKey(key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The atomic put: temporary file, write, fsync, rename, fsync the directory.</summary>
    private async Task PutCoreAsync(string key, ReadOnlyMemory<byte> data, Stream? content, CancellationToken cancellationToken)
    {
        string path = PathOf(key);
        string directory = Path.GetDirectoryName(path)!;
        CreateDirectoryDurably(directory);
        string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                if (content is null)
                {
                    await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                // The data must be on disk before the name points at it.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        DirectorySync.Sync(directory);
    }

    /// <summary>Creates the directory and any missing parents, fsyncing each new entry's parent.</summary>
    private void CreateDirectoryDurably(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        string parent = Path.GetDirectoryName(directory)!;
        if (parent.Length + 1 >= _root.Length)
        {
            CreateDirectoryDurably(parent);
        }

        Directory.CreateDirectory(directory);
        DirectorySync.Sync(parent);
    }

    /// <summary>Best-effort removal of a temporary file after a failed put.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is invisible to readers and removed at start-up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
