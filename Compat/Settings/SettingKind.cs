namespace IOx.Pg.Compat.Settings;

/// <summary>PostgreSQL's GUC value kinds: how a value is parsed, checked and shown.</summary>
public enum SettingKind
{
    /// <summary>on/off (true, yes, 1, ... accepted; shown as on/off).</summary>
    Boolean,
    /// <summary>A 32-bit integer within a range, optionally with a unit (statement_timeout: ms).</summary>
    Integer,
    /// <summary>One of a fixed list of words (case-insensitive; shown lower case).</summary>
    Enum,
    /// <summary>Free text, checked by the setting's own rule where it has one.</summary>
    String,
}
