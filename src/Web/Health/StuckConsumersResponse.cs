namespace LoCoPi.Web.Health;

/// <summary>
/// Body of the 503 <c>/readyz</c> answers while journal consumers are stuck (status
/// <c>consumers stuck</c>): which consumer, on which tenant, for how long. Ids only, never event content.
/// </summary>
public sealed record StuckConsumersResponse(string Status, IReadOnlyList<StuckConsumerResponse> Consumers);

/// <summary>
/// One consumer (e.g. <c>place-stats</c>) stuck on one tenant's journal: seconds since it started
/// the batch it has not finished, failed attempts since, and the last failure's type name.
/// </summary>
public sealed record StuckConsumerResponse(string Consumer, string Tenant, double StuckForSeconds, int Failures, string? LastError);
