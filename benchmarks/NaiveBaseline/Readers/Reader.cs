namespace LoCoPi.NaiveBaseline.Readers;

/// <summary>What a reader token stands for: the tenant, place and mode the touch acts in.</summary>
internal sealed record Reader(string TenantId, string ReaderId, string PlaceId, string Mode, long PointsPerVisit, TimeZoneInfo TimeZone);
