using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

/// <summary>
/// The edge API's behaviour, written once and run against every storage provider by thin
/// wrappers. Each test makes its own tenant; tests that move the clock set it explicitly.
/// </summary>
public abstract partial class EdgeApiSuite(SiloFixture silo)
{
    protected SiloFixture Silo { get; } = silo;

    protected Task<Town> TownAsync(string? timeZone = null) => Town.CreateAsync(Silo, timeZone);

    /// <summary>Puts the clock back to the fixture's start, so tests do not depend on each other's order.</summary>
    protected void ResetClock() => Silo.Clock.Set(new DateTimeOffset(2025, 6, 2, 3, 0, 0, TimeSpan.Zero));
}

public sealed class SqliteEdgeApiTests(SqliteSiloFixture silo) : EdgeApiSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresEdgeApiTests(PostgresSiloFixture silo) : EdgeApiSuite(silo), IClassFixture<PostgresSiloFixture>;
