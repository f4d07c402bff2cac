namespace LoCoPi.LoadGenerator.Load;

/// <summary>One endpoint to load: where touches go and the reader tokens that authenticate them.</summary>
/// <param name="Name">Column name in the report, e.g. <c>durable</c>.</param>
/// <param name="Description">What the column is, for the report's legend.</param>
/// <param name="ServerPid">The serving process on this machine, when known, for CPU per touch.</param>
internal sealed record LoadTarget(string Name, string Description, Uri TouchUri, IReadOnlyList<string> ReaderTokens, int? ServerPid);
