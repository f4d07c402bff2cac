namespace LoCoPi.Web.Json;

/// <summary>Content types endpoints declare.</summary>
internal static class EndpointContentTypes
{
    /// <summary>
    /// Declared next to application/json on every body: without it the router answers 415 before
    /// authentication runs (so a request with no token and no Content-Type got 415, not 401).
    /// Bodies are parsed as JSON whatever the header says; bad JSON is 400 invalid_request.
    /// </summary>
    public const string Any = "*/*";
}
