namespace IOx.Pg.Storage.Deletes;

/// <summary>The shape of a <see cref="DeletePredicate"/> node.</summary>
public enum DeletePredicateKind : byte
{
    /// <summary>Every row (DELETE without WHERE).</summary>
    All,

    /// <summary>Every child holds.</summary>
    And,

    /// <summary>Some child holds.</summary>
    Or,

    /// <summary>A test of the time column or of one tag column.</summary>
    Leaf,
}
