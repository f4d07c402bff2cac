namespace LoCoPi.LoadGenerator.Report;

/// <summary>
/// The machine the figures come from. The load average is taken before the runs because the
/// benchmark machine is shared: a reader of the table must see how busy it already was.
/// </summary>
internal sealed record MachineDescription(int Processors, string CpuModel, string Memory, string LoadAverage, string Os)
{
    public string Summary => $"{Processors} logical CPUs ({CpuModel}), {Memory} RAM, {Os}, load average before the runs {LoadAverage}";

    public static MachineDescription Capture() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? "unknown CPU",
        FormatMemory(FirstValue("/proc/meminfo", "MemTotal")),
        ReadOrUnknown("/proc/loadavg", text => string.Join(' ', text.Split(' ').Take(3))),
        System.Runtime.InteropServices.RuntimeInformation.OSDescription + ", " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static string? FirstValue(string path, string key) => ReadOrUnknown(path, text =>
        text.Split('\n')
            .Where(line => line.StartsWith(key, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault()) is { } value && value != "unknown" ? value : null;

    private static string FormatMemory(string? memTotal) =>
        memTotal is not null && long.TryParse(memTotal.Split(' ')[0], out var kilobytes)
            ? $"{kilobytes / 1024.0 / 1024.0:F1} GiB"
            : "unknown";

    private static string ReadOrUnknown(string path, Func<string, string?> parse)
    {
        try
        {
            return parse(File.ReadAllText(path)) ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
