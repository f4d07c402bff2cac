namespace LoCoPi.LoadGenerator.Payments;

/// <summary>What one <c>payments</c> invocation measures, straight from the command line.</summary>
internal sealed record PaymentLoadOptions(
    Uri Target,
    int Readers,
    int Shops,
    int Residents,
    long AmountYen,
    TimeSpan Warmup,
    TimeSpan Measured,
    string AdminToken,
    bool IncludeEmpty,
    string TenantId,
    int Seed,
    string? OutFile,
    int? SiloPid,
    string? PostgresConnectionString,
    int Rounds);
