using IOx.Pg.Executor.Values;

namespace IOx.Pg.Executor.Operators.Window;

/// <summary>
/// A window frame: units and both bounds. Offsets are constants (PostgreSQL forbids variables in
/// them): a bigint for ROWS and GROUPS; for RANGE, a value of the offset type matching the ORDER BY
/// key (integers, double precision, numeric, or an interval for timestamps and dates). They are
/// checked when a partition is processed, as PostgreSQL does (NULL is 22004, negative 22013), so an
/// empty input never fails. The default frame is RANGE UNBOUNDED PRECEDING .. CURRENT ROW, which
/// without ORDER BY is the whole partition (every row is a peer).
/// </summary>
public sealed record WindowFrameSpec(FrameUnits Units, FrameBoundKind StartKind, ScalarValue? StartOffset, FrameBoundKind EndKind, ScalarValue? EndOffset)
{
    /// <summary>RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.</summary>
    public static WindowFrameSpec Default { get; } = new(FrameUnits.Range, FrameBoundKind.UnboundedPreceding, null, FrameBoundKind.CurrentRow, null);

    /// <summary>The canonical printed form (plans print it; equal text means the same frame arrays).</summary>
    public override string ToString() =>
        $"{Units.ToString().ToUpperInvariant()} BETWEEN {Bound(StartKind, StartOffset)} AND {Bound(EndKind, EndOffset)}";

    /// <summary>One bound in SQL words.</summary>
    private static string Bound(FrameBoundKind kind, ScalarValue? offset) => kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.Preceding => $"{Text(offset)} PRECEDING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Following => $"{Text(offset)} FOLLOWING",
        _ => "UNBOUNDED FOLLOWING",
    };

    /// <summary>An offset's value as text.</summary>
    private static string Text(ScalarValue? offset) => offset is null || offset.IsNull
        ? "NULL"
        : Convert.ToString(offset.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
