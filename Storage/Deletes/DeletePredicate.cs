using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Storage.Deletes;

/// <summary>
/// What a DELETE removes: a tree of AND / OR over leaf tests of the time column (int64 ns) or of
/// one tag column (text). Negations are pushed to the leaves when the predicate is built, so the
/// tree is monotone and SQL's three-valued logic reduces to two values: a leaf over a null tag is
/// false (unknown), except IS NULL, and AND / OR of unknowns never turn true. A row is deleted
/// exactly when the tree is true. Immutable; <see cref="DeletePredicateText"/> stores it.
/// </summary>
public sealed class DeletePredicate
{
    /// <summary>The predicate of a DELETE without WHERE.</summary>
    public static readonly DeletePredicate All = new(DeletePredicateKind.All, [], null, false, default, [], []);

    /// <summary>The predicate that holds for no row (an empty OR).</summary>
    public static readonly DeletePredicate None = new(DeletePredicateKind.Or, [], null, false, default, [], []);

    /// <summary>Creates a node; use the factory methods.</summary>
    private DeletePredicate(DeletePredicateKind kind, DeletePredicate[] children, string? column, bool isTime, DeleteOperator op, long[] times, string[] tags)
    {
        Kind = kind;
        Children = children;
        Column = column;
        IsTime = isTime;
        Operator = op;
        TimeValues = times;
        TagValues = tags;
    }

    /// <summary>The node's shape.</summary>
    public DeletePredicateKind Kind { get; }

    /// <summary>Children of AND / OR (an empty AND is true, an empty OR false).</summary>
    public IReadOnlyList<DeletePredicate> Children { get; }

    /// <summary>The tested column of a leaf (the time column's name for time leaves).</summary>
    public string? Column { get; }

    /// <summary>Whether a leaf tests the time column (values in <see cref="TimeValues"/>) rather than a tag (<see cref="TagValues"/>).</summary>
    public bool IsTime { get; }

    /// <summary>A leaf's test.</summary>
    public DeleteOperator Operator { get; }

    /// <summary>A time leaf's operands (one, or the IN list).</summary>
    public IReadOnlyList<long> TimeValues { get; }

    /// <summary>A tag leaf's operands (one, or the IN list).</summary>
    public IReadOnlyList<string> TagValues { get; }

    /// <summary>All children hold.</summary>
    public static DeletePredicate And(IReadOnlyList<DeletePredicate> children) => new(DeletePredicateKind.And, [.. children], null, false, default, [], []);

    /// <summary>Some child holds.</summary>
    public static DeletePredicate Or(IReadOnlyList<DeletePredicate> children) => new(DeletePredicateKind.Or, [.. children], null, false, default, [], []);

    /// <summary>A test of the time column.</summary>
    public static DeletePredicate Time(DeleteOperator op, IReadOnlyList<long> values)
    {
        CheckArity(op, values.Count);
        if (op is DeleteOperator.IsNull or DeleteOperator.IsNotNull)
        {
            throw new ArgumentException("time is never null", nameof(op));
        }

        return new DeletePredicate(DeletePredicateKind.Leaf, [], "time", true, op, [.. values], []);
    }

    /// <summary>A test of a tag column.</summary>
    public static DeletePredicate Tag(string column, DeleteOperator op, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        CheckArity(op, values.Count);
        return new DeletePredicate(DeletePredicateKind.Leaf, [], column, false, op, [], [.. values]);
    }

    /// <summary>
    /// The logical negation, pushed to the leaves (De Morgan; each leaf test has a complement). Valid
    /// under three-valued logic because every leaf stays false on a null tag, as NOT unknown is.
    /// </summary>
    public DeletePredicate Negate()
    {
        switch (Kind)
        {
            case DeletePredicateKind.All:
                return None;
            case DeletePredicateKind.And:
            case DeletePredicateKind.Or:
                var negated = new DeletePredicate[Children.Count];
                for (int i = 0; i < negated.Length; i++)
                {
                    negated[i] = Children[i].Negate();
                }

                return Kind == DeletePredicateKind.And ? Or(negated) : And(negated);
            default:
                DeleteOperator op = Operator switch
                {
                    DeleteOperator.Equal => DeleteOperator.NotEqual,
                    DeleteOperator.NotEqual => DeleteOperator.Equal,
                    DeleteOperator.Less => DeleteOperator.GreaterOrEqual,
                    DeleteOperator.LessOrEqual => DeleteOperator.Greater,
                    DeleteOperator.Greater => DeleteOperator.LessOrEqual,
                    DeleteOperator.GreaterOrEqual => DeleteOperator.Less,
                    DeleteOperator.In => DeleteOperator.NotIn,
                    DeleteOperator.NotIn => DeleteOperator.In,
                    DeleteOperator.IsNull => DeleteOperator.IsNotNull,
                    _ => DeleteOperator.IsNull,
                };
                return IsTime ? Time(op, TimeValues) : Tag(Column!, op, TagValues);
        }
    }

    /// <summary>
    /// The smallest time range holding every row the predicate can delete (both ends inclusive);
    /// Min &gt; Max when it deletes nothing whatever the tags.
    /// </summary>
    public (long Min, long Max) TimeBounds()
    {
        switch (Kind)
        {
            case DeletePredicateKind.All:
                return (long.MinValue, long.MaxValue);
            case DeletePredicateKind.And:
            {
                long min = long.MinValue;
                long max = long.MaxValue;
                foreach (DeletePredicate child in Children)
                {
                    (long lo, long hi) = child.TimeBounds();
                    min = Math.Max(min, lo);
                    max = Math.Min(max, hi);
                }

                return (min, max);
            }

            case DeletePredicateKind.Or:
            {
                long min = long.MaxValue;
                long max = long.MinValue;
                foreach (DeletePredicate child in Children)
                {
                    (long lo, long hi) = child.TimeBounds();
                    if (lo <= hi)
                    {
                        min = Math.Min(min, lo);
                        max = Math.Max(max, hi);
                    }
                }

                return (min, max);
            }

            default:
                if (!IsTime)
                {
                    return (long.MinValue, long.MaxValue);
                }

                return LeafTimeBounds();
        }
    }

    /// <summary>The time range a time leaf admits.</summary>
    private (long Min, long Max) LeafTimeBounds()
    {
        switch (Operator)
        {
            case DeleteOperator.Equal:
                return (TimeValues[0], TimeValues[0]);
            case DeleteOperator.Less:
                return TimeValues[0] == long.MinValue ? (long.MaxValue, long.MinValue) : (long.MinValue, TimeValues[0] - 1);
            case DeleteOperator.LessOrEqual:
                return (long.MinValue, TimeValues[0]);
            case DeleteOperator.Greater:
                return TimeValues[0] == long.MaxValue ? (long.MaxValue, long.MinValue) : (TimeValues[0] + 1, long.MaxValue);
            case DeleteOperator.GreaterOrEqual:
                return (TimeValues[0], long.MaxValue);
            case DeleteOperator.In:
            {
                long min = long.MaxValue;
                long max = long.MinValue;
                foreach (long t in TimeValues)
                {
                    min = Math.Min(min, t);
                    max = Math.Max(max, t);
                }

                return (min, max);
            }

            default:
                return (long.MinValue, long.MaxValue);
        }
    }

    /// <summary>The tag columns the predicate reads.</summary>
    public void CollectTagColumns(ISet<string> into)
    {
        if (Kind == DeletePredicateKind.Leaf)
        {
            if (!IsTime)
            {
                into.Add(Column!);
            }

            return;
        }

        foreach (DeletePredicate child in Children)
        {
            child.CollectTagColumns(into);
        }
    }

    /// <summary>
    /// Sets <paramref name="matched"/>[r] to whether row r of <paramref name="batch"/> is deleted.
    /// Columns are found by name; a tag column the batch lacks reads as null. One pass per node over
    /// the batch, no allocation per row (a dictionary-encoded tag is tested once per distinct value).
    /// </summary>
    public void Evaluate(RecordBatch batch, Span<bool> matched)
    {
        int rows = batch.RowCount;
        if (matched.Length < rows)
        {
            throw new ArgumentException("result span shorter than the batch", nameof(matched));
        }

        matched = matched[..rows];
        switch (Kind)
        {
            case DeletePredicateKind.All:
                matched.Fill(true);
                return;
            case DeletePredicateKind.And:
            case DeletePredicateKind.Or:
            {
                bool isAnd = Kind == DeletePredicateKind.And;
                matched.Fill(isAnd);
                if (Children.Count == 0)
                {
                    return;
                }

                bool[] scratch = System.Buffers.ArrayPool<bool>.Shared.Rent(rows);
                try
                {
                    Span<bool> child = scratch.AsSpan(0, rows);
                    foreach (DeletePredicate c in Children)
                    {
                        c.Evaluate(batch, child);
                        for (int r = 0; r < rows; r++)
                        {
                            matched[r] = isAnd ? matched[r] & child[r] : matched[r] | child[r];
                        }
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<bool>.Shared.Return(scratch);
                }

                return;
            }

            default:
                int index = batch.Schema.IndexOf(Column!);
                if (IsTime)
                {
                    if (index < 0)
                    {
                        throw new InvalidOperationException("a batch without its time column");
                    }

                    EvaluateTime(((PrimitiveColumn<long>)batch.Column(index)).Values, matched);
                }
                else
                {
                    EvaluateTag(index < 0 ? null : batch.Column(index), matched);
                }

                return;
        }
    }

    /// <summary>A time leaf over the time values.</summary>
    private void EvaluateTime(ReadOnlySpan<long> times, Span<bool> matched)
    {
        long v = TimeValues[0];
        for (int r = 0; r < matched.Length; r++)
        {
            long t = times[r];
            matched[r] = Operator switch
            {
                DeleteOperator.Equal => t == v,
                DeleteOperator.NotEqual => t != v,
                DeleteOperator.Less => t < v,
                DeleteOperator.LessOrEqual => t <= v,
                DeleteOperator.Greater => t > v,
                DeleteOperator.GreaterOrEqual => t >= v,
                DeleteOperator.In => ContainsTime(t),
                DeleteOperator.NotIn => !ContainsTime(t),
                _ => false,
            };
        }
    }

    /// <summary>Whether the IN list holds <paramref name="t"/>.</summary>
    private bool ContainsTime(long t)
    {
        foreach (long v in TimeValues)
        {
            if (v == t)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A tag leaf over a text column (null: the batch lacks it, every row null).</summary>
    private void EvaluateTag(Column? column, Span<bool> matched)
    {
        if (column is null)
        {
            matched.Fill(Operator == DeleteOperator.IsNull);
            return;
        }

        if (Operator is DeleteOperator.IsNull or DeleteOperator.IsNotNull)
        {
            bool wantNull = Operator == DeleteOperator.IsNull;
            for (int r = 0; r < matched.Length; r++)
            {
                matched[r] = column.IsNull(r) == wantNull;
            }

            return;
        }

        byte[][] operands = Utf8Operands();
        switch (column)
        {
            case DictionaryColumn dictionary:
            {
                // Decide once per dictionary entry, then per row by index.
                StringColumn values = dictionary.Dictionary;
                bool[] entry = new bool[values.Length];
                for (int e = 0; e < entry.Length; e++)
                {
                    entry[e] = values.IsValid(e) && Test(values.GetBytes(e), operands);
                }

                ReadOnlySpan<int> indices = dictionary.Indices;
                for (int r = 0; r < matched.Length; r++)
                {
                    matched[r] = dictionary.IsValid(r) && entry[indices[r]];
                }

                return;
            }

            case StringColumn text:
                for (int r = 0; r < matched.Length; r++)
                {
                    matched[r] = text.IsValid(r) && Test(text.GetBytes(r), operands);
                }

                return;
            default:
                throw new InvalidOperationException($"tag column {Column} is a {column.GetType().Name}, not text");
        }
    }

    /// <summary>The tag operands as UTF-8 (compared bytewise: code point order, PostgreSQL's C collation).</summary>
    private byte[][] Utf8Operands()
    {
        var result = new byte[TagValues.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = System.Text.Encoding.UTF8.GetBytes(TagValues[i]);
        }

        return result;
    }

    /// <summary>A tag leaf over one non-null value.</summary>
    private bool Test(ReadOnlySpan<byte> value, byte[][] operands)
    {
        switch (Operator)
        {
            case DeleteOperator.In:
            case DeleteOperator.NotIn:
                bool found = false;
                foreach (byte[] o in operands)
                {
                    if (value.SequenceEqual(o))
                    {
                        found = true;
                        break;
                    }
                }

                return found == (Operator == DeleteOperator.In);
            default:
                int c = value.SequenceCompareTo(operands[0]);
                return Operator switch
                {
                    DeleteOperator.Equal => c == 0,
                    DeleteOperator.NotEqual => c != 0,
                    DeleteOperator.Less => c < 0,
                    DeleteOperator.LessOrEqual => c <= 0,
                    DeleteOperator.Greater => c > 0,
                    _ => c >= 0,
                };
        }
    }

    /// <summary>Checks a leaf has as many operands as its test needs.</summary>
    private static void CheckArity(DeleteOperator op, int count)
    {
        bool ok = op switch
        {
            DeleteOperator.In or DeleteOperator.NotIn => count >= 1,
            DeleteOperator.IsNull or DeleteOperator.IsNotNull => count == 0,
            _ => count == 1,
        };
        if (!ok)
        {
            throw new ArgumentException($"{op} takes {(op is DeleteOperator.In or DeleteOperator.NotIn ? "at least one operand" : op is DeleteOperator.IsNull or DeleteOperator.IsNotNull ? "no operand" : "one operand")}, got {count}", nameof(count));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => DeletePredicateText.Format(this);
}
