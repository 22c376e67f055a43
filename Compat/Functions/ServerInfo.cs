using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using IOx.Pg.Compat.Settings;

namespace IOx.Pg.Compat.Functions;

/// <summary>Facts about the running server that client-facing functions report (version(), pg_postmaster_start_time()).</summary>
public static class ServerInfo
{
    /// <summary>When the server process started, in nanoseconds since the Unix epoch (UTC).</summary>
    public static readonly long StartNanoseconds = (Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>
    /// version(): PostgreSQL's shape ("PostgreSQL 15.0 on x86_64-pc-linux-gnu, compiled by ..., 64-bit")
    /// so that tools parsing it find a version, with IOx.Pg and its own version named after the number.
    /// </summary>
    public static readonly string Version = BuildVersion();

    /// <summary>Builds the version() text.</summary>
    private static string BuildVersion()
    {
        string own = typeof(ServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ServerInfo).Assembly.GetName().Version?.ToString() ?? "0.0";
        int plus = own.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            own = own[..plus];
        }

        string machine = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "arm",
            _ => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        };
        string os = OperatingSystem.IsLinux() ? "pc-linux-gnu" : OperatingSystem.IsMacOS() ? "apple-darwin" : OperatingSystem.IsWindows() ? "pc-windows" : "unknown";
        return $"PostgreSQL {SettingsCatalog.ServerVersion} (IOx.Pg {own}) on {machine}-{os}, compiled by {RuntimeInformation.FrameworkDescription}, {IntPtr.Size * 8}-bit";
    }
}
