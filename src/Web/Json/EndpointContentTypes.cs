namespace LoCoPi.Web.Json;

/// <summary>Content types endpoints declare.</summary>
internal static class EndpointContentTypes
{
    /// <summary>
    /// Declared next to application/json on every body: without it the router answers 415 before
    /// authentication runs (so a request with no token and no Content-Type got 415, not 401).
    /// <see cref="JsonBody"/> answers 415 problem+json after authentication instead.
    /// </summary>
    public const string Any = "*/*";
}
