using System.Globalization;

namespace IOx.Pg.Executor.Values;

/// <summary>
/// The session's extra_float_digits for float to text conversions (<c>x::text</c>, <c>'a' || x</c>):
/// above 0 the shortest round-trip digits, at 0 and below <c>%.{15+n}g</c> (float4: 6+n), as
/// PostgreSQL 12+ does. Like <see cref="InputTimeZone"/>, the binder sets it for the statement it
/// binds on its own thread; a cast to text captures the value when it is built, because it runs
/// later, while batches stream on whatever thread reads them.
/// </summary>
public static class FloatOutput
{
    /// <summary>PostgreSQL's default extra_float_digits.</summary>
    public const int Default = 1;

    /// <summary>extra_float_digits minus <see cref="Default"/> on this thread, so that the zero of an unset thread-static means the default.</summary>
    [ThreadStatic]
    private static int t_offset;

    /// <summary>The extra_float_digits in force on this thread.</summary>
    public static int ExtraFloatDigits => t_offset + Default;

    /// <summary>Sets extra_float_digits from the session setting (unset or unreadable: the default); dispose the scope to restore.</summary>
    public static Scope Enter(string? setting) =>
        Enter(setting is not null && int.TryParse(setting, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int digits)
            ? digits
            : Default);

    /// <summary>Sets extra_float_digits on this thread; dispose the scope to restore the previous value.</summary>
    public static Scope Enter(int extraFloatDigits)
    {
        var scope = new Scope(t_offset);
        t_offset = extraFloatDigits - Default;
        return scope;
    }

    /// <summary>Restores the previous value when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <summary>The offset to restore.</summary>
        private readonly int _previous;

        /// <summary>Remembers what to restore.</summary>
        internal Scope(int previous) => _previous = previous;

        /// <inheritdoc/>
        public void Dispose() => t_offset = _previous;
    }
}
