namespace LoCoPi.Silo.Hosting;

/// <summary>Which storage provider the node uses.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The Silo's own switches (<c>--storage sqlite|postgres</c>, <c>--demo</c>); every other argument
/// (<c>--urls</c>, <c>--Storage:SqlitePath=…</c>) goes to the ASP.NET Core host unchanged.
/// </summary>
public sealed record SiloOptions(StorageProvider Storage, bool Demo, string[] HostArguments)
{
    public static SiloOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var storage = StorageProvider.Sqlite;
        var demo = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--demo")
            {
                demo = true;
            }
            else if (arg == "--storage" && i + 1 < args.Length)
            {
                storage = ParseStorage(args[++i]);
            }
            else if (arg.StartsWith("--storage=", StringComparison.Ordinal))
            {
                storage = ParseStorage(arg["--storage=".Length..]);
            }
            else
            {
                rest.Add(arg);
            }
        }

        return new SiloOptions(storage, demo, [.. rest]);
    }

    private static StorageProvider ParseStorage(string value) => value.ToUpperInvariant() switch
    {
        "SQLITE" => StorageProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" => StorageProvider.Postgres,
        _ => throw new ArgumentException($"Unknown storage '{value}': use sqlite or postgres.", nameof(value)),
    };
}
