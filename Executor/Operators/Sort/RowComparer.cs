using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Operators.Sort;

/// <summary>
/// Compares rows of one set of (concatenated) columns by a list of sort keys; ties are broken by
/// row index, so sorting is deterministic. NULLs are placed per key (PostgreSQL's default is NULLS
/// LAST for ASC and NULLS FIRST for DESC; the planner decides). Text compares by UTF-8 bytes,
/// double precision puts NaN above every number, as PostgreSQL does.
/// </summary>
public sealed class RowComparer : IComparer<int>
{
    /// <summary>Per key: the typed comparison of two rows' values (both known non-null).</summary>
    private readonly KeyColumn[] _keys;

    /// <summary>Creates a comparer over <paramref name="columns"/>.</summary>
    public RowComparer(IReadOnlyList<Column> columns, IReadOnlyList<SortKey> keys)
    {
        _keys = new KeyColumn[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            _keys[i] = KeyColumn.Create(columns[keys[i].Column], keys[i]);
        }
    }

    /// <inheritdoc/>
    public int Compare(int a, int b)
    {
        foreach (KeyColumn key in _keys)
        {
            int c = key.Compare(a, b);
            if (c != 0)
            {
                return c;
            }
        }

        return a.CompareTo(b);
    }

    /// <summary>Compares rows by the keys only: 0 when every key is equal (peers), without the row-index tie break.</summary>
    public int CompareKeys(int a, int b)
    {
        foreach (KeyColumn key in _keys)
        {
            int c = key.Compare(a, b);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>One key's column with its ordering rules.</summary>
    private abstract class KeyColumn
    {
        /// <summary>The column.</summary>
        private readonly Column _column;

        /// <summary>-1 for DESC, 1 for ASC.</summary>
        private readonly int _direction;

        /// <summary>Result when a is NULL and b is not.</summary>
        private readonly int _nullFirst;

        /// <summary>Creates the key.</summary>
        protected KeyColumn(Column column, SortKey key)
        {
            _column = column;
            _direction = key.Descending ? -1 : 1;
            _nullFirst = key.NullsFirst ? -1 : 1;
        }

        /// <summary>Compares rows a and b, NULLs and direction included.</summary>
        public int Compare(int a, int b)
        {
            if (_column.NullCount > 0)
            {
                bool an = _column.IsNull(a);
                bool bn = _column.IsNull(b);
                if (an || bn)
                {
                    return an && bn ? 0 : an ? _nullFirst : -_nullFirst;
                }
            }

            return _direction * CompareValues(a, b);
        }

        /// <summary>Ascending comparison of two non-null values.</summary>
        protected abstract int CompareValues(int a, int b);

        /// <summary>The key for a column's type.</summary>
        public static KeyColumn Create(Column column, SortKey key) => column switch
        {
            PrimitiveColumn<long> c => new Primitive<long>(c, key),
            PrimitiveColumn<int> c => new Primitive<int>(c, key),
            PrimitiveColumn<short> c => new Primitive<short>(c, key),
            PrimitiveColumn<ulong> c => new Primitive<ulong>(c, key),
            PrimitiveColumn<decimal> c => new Primitive<decimal>(c, key),
            PrimitiveColumn<double> c => new Floating(c, key),
            PrimitiveColumn<float> c => new Primitive<float>(c, key),
            PrimitiveColumn<Interval> c => new IntervalKey(c, key),
            BooleanColumn c => new BooleanKey(c, key),
            StringColumn c => new Text(c, key),
            DictionaryColumn c => new DictionaryText(c, key),
            ListColumn c => new ListKey(c, key),

            // PostgreSQL orders records field by field; not built yet.
            StructColumn => throw Storage.Errors.SqlException.NotSupported("ordering by record values"),
            _ => throw new NotSupportedException("sort on " + column.GetType().Name),
        };
    }

    /// <summary>A fixed-width comparable type.</summary>
    private sealed class Primitive<T>(PrimitiveColumn<T> column, SortKey key) : KeyColumn(column, key)
        where T : unmanaged, IComparable<T>
    {
        /// <summary>The values.</summary>
        private readonly T[] _values = column.Buffer;

        /// <inheritdoc/>
        protected override int CompareValues(int a, int b) => _values[a].CompareTo(_values[b]);
    }

    /// <summary>double precision with NaN above everything.</summary>
    private sealed class Floating(PrimitiveColumn<double> column, SortKey key) : KeyColumn(column, key)
    {
        /// <summary>The values.</summary>
        private readonly double[] _values = column.Buffer;

        /// <inheritdoc/>
        protected override int CompareValues(int a, int b)
        {
            double x = _values[a];
            double y = _values[b];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : -1;
            }

            return x.CompareTo(y);
        }
    }

    /// <summary>Intervals by span.</summary>
    private sealed class IntervalKey(PrimitiveColumn<Interval> column, SortKey key) : KeyColumn(column, key)
    {
        /// <summary>The values.</summary>
        private readonly Interval[] _values = column.Buffer;

        /// <inheritdoc/>
        protected override int CompareValues(int a, int b) => _values[a].ApproximateNanoseconds.CompareTo(_values[b].ApproximateNanoseconds);
    }

    /// <summary>Booleans, false before true.</summary>
    private sealed class BooleanKey(BooleanColumn column, SortKey key) : KeyColumn(column, key)
    {
        /// <inheritdoc/>
        protected override int CompareValues(int a, int b) => column.GetValue(a).CompareTo(column.GetValue(b));
    }

    /// <summary>
    /// Arrays as PostgreSQL orders them (array_cmp): element by element, a NULL element above every
    /// value, then the shorter array first.
    /// </summary>
    private sealed class ListKey(ListColumn column, SortKey key) : KeyColumn(column, key)
    {
        /// <summary>Ascending, NULLs-last comparison of two elements of the child column.</summary>
        private readonly KeyColumn _elements = Create(column.Values, new SortKey(0, Descending: false, NullsFirst: false));

        /// <inheritdoc/>
        protected override int CompareValues(int a, int b)
        {
            int na = column.CountOf(a);
            int nb = column.CountOf(b);
            int sa = column.StartOf(a);
            int sb = column.StartOf(b);
            for (int k = 0; k < Math.Min(na, nb); k++)
            {
                int c = _elements.Compare(sa + k, sb + k);
                if (c != 0)
                {
                    return c;
                }
            }

            return na.CompareTo(nb);
        }
    }

    /// <summary>Plain text by bytes.</summary>
    private sealed class Text(StringColumn column, SortKey key) : KeyColumn(column, key)
    {
        /// <inheritdoc/>
        protected override int CompareValues(int a, int b) => column.GetBytes(a).SequenceCompareTo(column.GetBytes(b));
    }

    /// <summary>Dictionary text: entries are ranked once, rows compare ranks.</summary>
    private sealed class DictionaryText : KeyColumn
    {
        /// <summary>Row → dictionary index.</summary>
        private readonly int[] _indices;

        /// <summary>Dictionary index → rank in byte order.</summary>
        private readonly int[] _ranks;

        /// <summary>Ranks the dictionary.</summary>
        public DictionaryText(DictionaryColumn column, SortKey key)
            : base(column, key)
        {
            _indices = column.Indices.ToArray();
            StringColumn dictionary = column.Dictionary;
            var order = new int[dictionary.Length];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, new DictionaryOrder(dictionary));
            _ranks = new int[order.Length];
            for (int r = 0; r < order.Length; r++)
            {
                _ranks[order[r]] = r;
            }
        }

        /// <inheritdoc/>
        protected override int CompareValues(int a, int b) => _ranks[_indices[a]].CompareTo(_ranks[_indices[b]]);
    }

    /// <summary>Orders dictionary entries by bytes.</summary>
    private sealed class DictionaryOrder(StringColumn dictionary) : IComparer<int>
    {
        /// <inheritdoc/>
        public int Compare(int x, int y) => dictionary.GetBytes(x).SequenceCompareTo(dictionary.GetBytes(y));
    }
}
