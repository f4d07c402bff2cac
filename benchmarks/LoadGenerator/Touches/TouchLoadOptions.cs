namespace LoCoPi.LoadGenerator.Touches;

/// <summary>What one <c>touches</c> invocation measures, straight from the command line.</summary>
internal sealed record TouchLoadOptions(
    Uri? Target,
    int Readers,
    int Places,
    int Residents,
    TimeSpan Warmup,
    TimeSpan Measured,
    string AdminToken,
    Uri? BaselineUrl,
    string? BaselineAdminToken,
    bool IncludeEmpty,
    bool IncludeFloor,
    string TenantId,
    int Seed,
    string? OutFile,
    int? SiloPid,
    int? BaselinePid,
    string? PostgresConnectionString,
    int Rounds);
