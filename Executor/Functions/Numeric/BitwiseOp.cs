namespace IOx.Pg.Executor.Functions.Numeric;

/// <summary>PostgreSQL's bitwise operators on smallint, integer and bigint.</summary>
public enum BitwiseOp : byte
{
    /// <summary>a &amp; b.</summary>
    And,

    /// <summary>a | b.</summary>
    Or,

    /// <summary>a # b (exclusive or).</summary>
    Xor,

    /// <summary>a &lt;&lt; b (the count is an integer).</summary>
    ShiftLeft,

    /// <summary>a &gt;&gt; b (arithmetic: the sign is kept).</summary>
    ShiftRight,

    /// <summary>~a (prefix, one operand).</summary>
    Not,
}
