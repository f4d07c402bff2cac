using System.Net;
using Xunit;

namespace LoCoPi.Web.Tests.Support;

/// <summary>A tenant of its own for one test, with helpers to define places, readers, residents and cards.</summary>
public sealed class Town(SiloFixture silo, string tenantId)
{
    public string TenantId { get; } = tenantId;

    public HttpClient Admin { get; } = silo.AdminClient();

    public static async Task<Town> CreateAsync(SiloFixture silo, string? timeZone = null)
    {
        var town = new Town(silo, "t-" + Guid.NewGuid().ToString("N")[..10]);
        var response = await town.Admin.PutJsonAsync($"/api/v1/tenants/{town.TenantId}", new { name = "朝日町", timeZone });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return town;
    }

    public string Path(string rest) => $"/api/v1/tenants/{TenantId}/{rest}";

    public async Task PlaceAsync(string placeId, long pointsPerVisit = 10, string kind = "facility")
    {
        var response = await Admin.PutJsonAsync(Path("places/" + placeId), new { name = "施設 " + placeId, kind, pointsPerVisit });
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    /// <summary>Registers a reader and returns a client carrying its token.</summary>
    public async Task<HttpClient> ReaderAsync(string readerId, string placeId, string mode = "visit", string? language = null)
    {
        var token = await ReaderTokenAsync(readerId, placeId, mode);
        return silo.Client(token, language);
    }

    public async Task<string> ReaderTokenAsync(string readerId, string placeId, string mode = "visit")
    {
        var response = await Admin.PutJsonAsync(Path("readers/" + readerId), new { placeId, mode });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return (string)response.Body!["token"]!;
    }

    public async Task ResidentAsync(string residentId, params string[] cardIds)
    {
        var response = await Admin.PutJsonAsync(Path("residents/" + residentId), new { displayName = "住民", birthYear = 1980 });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        foreach (var cardId in cardIds)
        {
            var link = await Admin.PutJsonAsync(Path("cards/" + cardId), new { residentId });
            Assert.Equal(HttpStatusCode.Created, link.Status);
        }
    }

    /// <summary>Puts an existing resident's profile again: a write that stores the whole resident.</summary>
    public async Task RedefineResidentAsync(string residentId)
    {
        var response = await Admin.PutJsonAsync(Path("residents/" + residentId), new { displayName = "住民", birthYear = 1980 });
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    /// <summary>Creates a login account of this tenant.</summary>
    public async Task AccountAsync(string accountId, string role, string displayName, string password)
    {
        var response = await Admin.PostJsonAsync(Path("accounts"), new { accountId, role, displayName, password });
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    public async Task<long> PointsAsync(string residentId)
    {
        var response = await Admin.GetJsonAsync(Path("residents/" + residentId));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (long)response.Body!["pointsBalance"]!;
    }
}
