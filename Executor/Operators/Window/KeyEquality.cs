using IOx.Pg.Executor.Operators.Sort;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// Whether two rows are equal in a list of keys (partition keys, or the ORDER BY keys deciding
/// peers): by the normalized 64-bit key words the sort used when it could, else by the sort comparer.
/// </summary>
public abstract class KeyEquality
{
    /// <summary>Whether rows <paramref name="a"/> and <paramref name="b"/> have equal keys (NULLs equal to each other).</summary>
    public abstract bool Same(int a, int b);

    /// <summary>Equality by the comparer (0 from <see cref="RowComparer.CompareKeys"/>).</summary>
    public sealed class ByComparer(RowComparer comparer) : KeyEquality
    {
        /// <inheritdoc/>
        public override bool Same(int a, int b) => comparer.CompareKeys(a, b) == 0;
    }

    /// <summary>Equality of every key word (row space); no words means every row is equal.</summary>
    public sealed class ByWords(long[][] words) : KeyEquality
    {
        /// <inheritdoc/>
        public override bool Same(int a, int b)
        {
            foreach (long[] w in words)
            {
                if (w[a] != w[b])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
