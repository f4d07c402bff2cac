using System.Globalization;

namespace LoCoPi.LoadGenerator.Probes;

/// <summary>
/// CPU time of local processes from <c>/proc</c>. On a shared machine the rate a server reaches
/// depends on how much CPU the neighbours leave it, but the CPU it spends per touch hardly does:
/// that is the figure that stays comparable between noisy runs.
/// </summary>
internal static class ProcessCpu
{
    // /proc reports in USER_HZ, which Linux fixes at 100 for user space.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds (user + system) used so far by the process and, optionally, its children still alive.</summary>
    public static double Seconds(int pid, bool withChildren)
    {
        var ticks = Ticks(pid);
        if (withChildren)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                    && ParentOf(child) == pid)
                {
                    ticks += Ticks(child);
                }
            }
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>Resident memory of the process in MiB, or NaN when it cannot be read.</summary>
    public static double ResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? double.NaN : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static int? ParentOf(int pid) => Fields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : null;

    private static long Ticks(int pid) => Fields(pid) is { } f
        ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>The fields after the command name (which may hold spaces): [0] state, [1] ppid, … [11] utime, [12] stime.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
