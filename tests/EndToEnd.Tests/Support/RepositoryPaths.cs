namespace LoCoPi.EndToEnd.Tests.Support;

/// <summary>Finds the built programs next to the sources, in the configuration the tests were built in.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "LoCoPi.Silo.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoCoPi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LoCoPi.sln not found above " + AppContext.BaseDirectory);
    }
}
