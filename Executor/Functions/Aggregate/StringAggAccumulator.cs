using System.Buffers;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Aggregate;

/// <summary>
/// string_agg(value, delimiter): per group, the UTF-8 of the non-NULL values in input order with
/// each row's delimiter (NULL as empty) before every value but the group's first. One growing
/// byte buffer per group that has a value; nothing is allocated per row.
/// </summary>
public sealed class StringAggAccumulator : Accumulator, ITwoArgumentAccumulator
{
    /// <summary>The text so far per group; null until the group's first value.</summary>
    private ArrayBufferWriter<byte>?[] _texts = new ArrayBufferWriter<byte>?[16];

    /// <inheritdoc/>
    public override DataType ResultType => DataType.Utf8;

    /// <inheritdoc/>
    public override void EnsureGroups(int groupCount) => Grow(ref _texts, groupCount);

    /// <inheritdoc/>
    public override void Update(Column? input, ReadOnlySpan<int> groupIds) =>
        throw new InvalidOperationException("string_agg needs its delimiter column: call the two-argument Update");

    /// <inheritdoc/>
    public void Update(Column input, Column second, ReadOnlySpan<int> groupIds)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!input.IsValid(i))
            {
                continue;
            }

            int g = groupIds[i];
            ArrayBufferWriter<byte>? text = _texts[g];
            if (text is null)
            {
                text = new ArrayBufferWriter<byte>(64);
                _texts[g] = text;
            }
            else if (second.IsValid(i))
            {
                text.Write(ColumnFactory.Utf8(second, i));
            }

            text.Write(ColumnFactory.Utf8(input, i));
        }
    }

    /// <inheritdoc/>
    public override Column Finish(int groupCount)
    {
        var builder = new StringColumnBuilder(groupCount);
        for (int g = 0; g < groupCount; g++)
        {
            if (_texts[g] is { } text)
            {
                builder.Append(text.WrittenSpan);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }
}
