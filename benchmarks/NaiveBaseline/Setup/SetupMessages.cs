namespace LoCoPi.NaiveBaseline.Setup;

/// <summary>The whole benchmark population in one body, so seeding ten thousand residents is one call.</summary>
internal sealed record SetupRequest(
    string TenantId,
    string? TimeZone,
    IReadOnlyList<SetupPlace> Places,
    IReadOnlyList<SetupReader> Readers,
    IReadOnlyList<SetupResident> Residents);

internal sealed record SetupPlace(string PlaceId, long PointsPerVisit);

internal sealed record SetupReader(string ReaderId, string PlaceId, string? Mode);

internal sealed record SetupResident(string ResidentId, string CardId);

internal sealed record SetupResponse(IReadOnlyList<IssuedReaderToken> Readers);

internal sealed record IssuedReaderToken(string ReaderId, string Token);
