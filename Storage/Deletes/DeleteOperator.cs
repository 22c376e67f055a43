namespace IOx.Pg.Storage.Deletes;

/// <summary>The comparison or test of one leaf of a <see cref="DeletePredicate"/>.</summary>
public enum DeleteOperator : byte
{
    /// <summary>column = value.</summary>
    Equal,

    /// <summary>column &lt;&gt; value.</summary>
    NotEqual,

    /// <summary>column &lt; value.</summary>
    Less,

    /// <summary>column &lt;= value.</summary>
    LessOrEqual,

    /// <summary>column &gt; value.</summary>
    Greater,

    /// <summary>column &gt;= value.</summary>
    GreaterOrEqual,

    /// <summary>column IN (values).</summary>
    In,

    /// <summary>column NOT IN (values).</summary>
    NotIn,

    /// <summary>column IS NULL (tags only: time is never null).</summary>
    IsNull,

    /// <summary>column IS NOT NULL.</summary>
    IsNotNull,
}
