namespace IOx.Pg.Server.Hosting;

/// <summary>What one pass of the <see cref="FileSweeper"/> did.</summary>
/// <param name="FilesExpired">Live files marked for deletion because their partition passed the retention cutoff.</param>
/// <param name="FilesDeleted">Objects of replaced or expired files deleted (their catalog rows forgotten).</param>
/// <param name="DroppedObjectsDeleted">Objects of dropped tables deleted.</param>
public readonly record struct SweepResult(int FilesExpired, int FilesDeleted, int DroppedObjectsDeleted);
