using System.Text.Json;

namespace LoCoPi.Web.Readers;

/// <summary>Body of <c>POST /api/v1/touches</c>. <see cref="At"/> is set only for uploads after an outage.</summary>
public sealed record TouchRequest(string TouchId, string CardId, DateTimeOffset? At = null);

/// <summary>What the reader shows: the outcome, the points and a sentence for the resident.</summary>
public sealed record TouchResponse(string TouchId, string Outcome, long PointsAwarded, long PointsBalance, string Message);

/// <summary>
/// Body of <c>POST /api/v1/touches/batch</c>. Items are kept as raw JSON so one malformed item gets
/// its own 400 result instead of failing the whole upload.
/// </summary>
public sealed record TouchBatchRequest(IReadOnlyList<JsonElement> Touches);

/// <summary>One result per item, in order: each the body or problem the single call would give.</summary>
public sealed record TouchBatchResponse(IReadOnlyList<JsonElement> Results);
