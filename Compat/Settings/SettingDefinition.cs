namespace IOx.Pg.Compat.Settings;

/// <summary>
/// One run-time parameter: its name as PostgreSQL spells it (the SHOW column name), kind,
/// built-in default, unit, one-line description and allowed values. <see cref="ReadOnly"/>
/// parameters report the server (server_version, integer_datetimes) and refuse SET with 55P02.
/// <see cref="Supported"/> lists the enum values IOx.Pg implements; the others PostgreSQL
/// knows are refused with 0A000 rather than accepted and ignored.
/// </summary>
public sealed record SettingDefinition(string Name, SettingKind Kind, string Default, string Description)
{
    /// <summary>The base unit of an integer setting ("ms"), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>Smallest integer value.</summary>
    public int Min { get; init; } = int.MinValue;

    /// <summary>Largest integer value.</summary>
    public int Max { get; init; } = int.MaxValue;

    /// <summary>Every value PostgreSQL accepts for an enum, in its order (for the hint).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The enum values (or, for booleans, "on"/"off") implemented here; empty means all of them.</summary>
    public IReadOnlyList<string> Supported { get; init; } = [];

    /// <summary>Whether SET refuses it (55P02 "cannot be changed").</summary>
    public bool ReadOnly { get; init; }

    /// <summary>A list setting (search_path): several comma-separated items, quoted as identifiers when needed.</summary>
    public bool IsList { get; init; }
}
