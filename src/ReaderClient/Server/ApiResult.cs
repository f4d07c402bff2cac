namespace LoCoPi.ReaderClient.Server;

/// <summary>How the server answered a request: a body, a final refusal, or not at all.</summary>
internal abstract record ApiResult<T>
{
    private ApiResult()
    {
    }

    public sealed record Ok(T Body) : ApiResult<T>;

    /// <summary>A 4xx problem: final, re-sending cannot change it.</summary>
    public sealed record Refused(Problem Problem) : ApiResult<T>;

    /// <summary>Network failure, timeout or 5xx: worth trying again later.</summary>
    public sealed record Unreachable(string Reason) : ApiResult<T>;
}
