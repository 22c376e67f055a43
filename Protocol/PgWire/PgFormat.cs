namespace IOx.Pg.Protocol.PgWire;

/// <summary>A value format code on the wire.</summary>
public enum PgFormat : short
{
    /// <summary>Text: the type's output function.</summary>
    Text = 0,
    /// <summary>Binary: the type's send function.</summary>
    Binary = 1,
}
