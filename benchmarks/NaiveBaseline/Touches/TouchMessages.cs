namespace LoCoPi.NaiveBaseline.Touches;

/// <summary>The touch body (API.md, Readers).</summary>
internal sealed record TouchRequest(string? TouchId, string? CardId, DateTimeOffset? At);

/// <summary>The touch answer (API.md, Readers).</summary>
internal sealed record TouchResponse(string TouchId, string Outcome, long PointsAwarded, long PointsBalance, string Message);

/// <summary>Either the answer or a domain rejection: rejections are values, mapped to problem+json at the edge.</summary>
internal sealed record TouchResult(TouchResponse? Response, int Status, string? Code, string? Detail)
{
    public static TouchResult Ok(TouchResponse response) => new(response, StatusCodes.Status200OK, null, null);

    public static TouchResult Rejected(int status, string code, string detail) => new(null, status, code, detail);
}
