namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// Statistics of one column in one Parquet file. <see cref="Min"/> and <see cref="Max"/> are
/// null (unknown) or one of <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or
/// <c>byte[]</c>, stored as the matching SQLite storage class and read back as the same CLR type
/// (booleans as 0/1, timestamps as int64 nanoseconds; a uint64 beyond int64 or a numeric is
/// encoded by the caller, e.g. as bytes, since SQLite integers are signed 64-bit).
/// </summary>
/// <param name="Column">The column's name in the table.</param>
/// <param name="Min">Smallest non-null value, or null.</param>
/// <param name="Max">Largest non-null value, or null.</param>
/// <param name="NullCount">How many rows are null.</param>
public sealed record FileColumnStats(string Column, object? Min, object? Max, long NullCount);
