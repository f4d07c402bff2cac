using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace LoCoPi.Benchmarks.Storage;

/// <summary>
/// CPU seconds spent by this process and, for a local PostgreSQL, by its server processes. On a
/// machine shared with other builds the rate depends on what the neighbours leave us; the CPU
/// spent per write hardly does, so it is the figure that stays comparable between noisy runs.
/// </summary>
internal sealed class CpuProbe(int? postmasterPid)
{
    // /proc reports in USER_HZ, which Linux fixes at 100 for user space.
    private const double TicksPerSecond = 100;

    public static async Task<CpuProbe> CreateAsync(string? postgresConnection)
    {
        if (postgresConnection is null)
        {
            return new CpuProbe(null);
        }

        try
        {
            await using var connection = new NpgsqlConnection(postgresConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT setting FROM pg_settings WHERE name = 'data_directory'", connection);
            var directory = (string)(await command.ExecuteScalarAsync())!;
            var pid = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            return new CpuProbe(pid);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NpgsqlException)
        {
            return new CpuProbe(null); // a remote server: its CPU is not ours to read
        }
    }

    public (double Client, double? Server) Sample()
        => (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            postmasterPid is { } pid ? ServerSeconds(pid) : null);

    private static double ServerSeconds(int postmaster)
    {
        var ticks = Ticks(postmaster);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Fields(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(pid);
            }
        }

        return ticks / TicksPerSecond;
    }

    private static long Ticks(int pid) => Fields(pid) is { } f
        ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>The fields after the command name: [1] ppid, [11] utime, [12] stime.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended between listing and reading
        }
    }
}
