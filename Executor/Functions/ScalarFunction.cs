using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions;

/// <summary>
/// A scalar function implementation: called once per batch with its argument columns (already
/// of the parameter types the binder resolved) and returns a column of the same length.
/// </summary>
public abstract class ScalarFunction
{
    /// <summary>The SQL name (also the output column name PostgreSQL gives a call).</summary>
    public abstract string Name { get; }

    /// <summary>The result type.</summary>
    public abstract DataType ReturnType { get; }

    /// <summary>Whether each call may give another value for the same arguments (random()): never folded to a constant.</summary>
    public virtual bool IsVolatile => false;

    /// <summary>When <see cref="ReturnType"/> is List, the element type of the arrays returned; otherwise Null.</summary>
    public virtual DataType ReturnElementType => DataType.Null;

    /// <summary>When <see cref="ReturnType"/> is Struct, the fields of the records returned; otherwise null.</summary>
    public virtual IReadOnlyList<Field>? ReturnFields => null;

    /// <summary>
    /// The OID of the PostgreSQL type of the result when it is not the one <see cref="ReturnType"/>
    /// maps to (regclass, regtype, regproc are int64 values here), else 0.
    /// </summary>
    public virtual int PgType => 0;

    /// <summary>Evaluates over whole columns of <paramref name="length"/> rows.</summary>
    public abstract Column Invoke(Column[] args, int length);
}
