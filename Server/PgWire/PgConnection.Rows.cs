using IOx.Pg.Protocol.PgWire.Types;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Server.PgWire;

/// <summary>Row streaming for this connection: the session time zone and the flush hook for <see cref="PgRowWriter"/>.</summary>
internal sealed partial class PgConnection
{
    /// <summary>Sends up to <paramref name="maxRows"/> rows (0 = all) of <paramref name="cursor"/>; returns how many.</summary>
    private ValueTask<long> SendRowsAsync(ResultCursor cursor, long maxRows) =>
        _rows.WriteRowsAsync(cursor, maxRows, SessionTimeZone(), ExtraFloatDigits(), ByteaEscape(), _flush, _queryCancel.Token);

    /// <summary>The session's extra_float_digits (-15..3, checked when set; 1 when unset), which float text output follows.</summary>
    private int ExtraFloatDigits() =>
        CurrentSession.Settings.TryGetValue("extra_float_digits", out string? value)
        && int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int digits)
            ? digits
            : 1;

    /// <summary>Whether the session's bytea_output is escape (checked when set; hex when unset).</summary>
    private bool ByteaEscape() =>
        CurrentSession.Settings.TryGetValue("bytea_output", out string? value) && string.Equals(value, "escape", StringComparison.OrdinalIgnoreCase);

    /// <summary>The session TimeZone, resolved once per change of the setting; 22023 when it names no known zone.</summary>
    private PgTimeZone SessionTimeZone()
    {
        string setting = CurrentSession.Settings.TryGetValue("timezone", out string? value) ? value : "UTC";
        if (setting != _zoneSetting)
        {
            if (!PgTimeZone.TryResolve(setting, out PgTimeZone? zone))
            {
                throw new SqlException(SqlState.InvalidParameterValue, $"time zone \"{setting}\" not recognized");
            }

            _zone = zone;
            _zoneSetting = setting;
        }

        return _zone;
    }
}
