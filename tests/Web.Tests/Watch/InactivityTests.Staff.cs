using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoCoPi.Web.Tests.Live;
using LoCoPi.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace LoCoPi.Web.Tests.Watch;

/// <summary>
/// Inactivity reaches the town too: the staff of the resident's tenant see the quiet resident on
/// <c>GET /api/v1/staff/inactivity</c> and get it pushed on <c>/hubs/staff</c>; the next touch takes
/// them off again. Family accounts are refused; another town's staff see nothing of it.
/// </summary>
public sealed partial class InactivityTests
{
    private const string OtherTenant = "kochi-west";

    [Fact]
    public async Task Staff_of_the_town_see_and_are_pushed_an_inactive_resident_until_they_touch_again()
    {
        var reader = await SetUpAsync();
        await SetUpStaffAsync();
        var staffToken = await LoginAsync(Tenant, "desk");
        var otherStaffToken = await LoginAsync(OtherTenant, "desk");
        await TouchAsync(reader, "morning");
        await using var staffHub = await LiveHubClient.ConnectStaffAsync(_silo.BaseAddress, staffToken);
        await using var otherStaffHub = await LiveHubClient.ConnectStaffAsync(_silo.BaseAddress, otherStaffToken);
        Assert.Empty(await StaffListAsync(staffToken));

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var pushed = await NextStaffMessageAsync(staffHub, "inactive");
        Assert.Equal("grandpa", pushed.GetProperty("residentId").GetString());
        Assert.Equal("hall", pushed.GetProperty("lastPlaceId").GetString());
        Assert.Equal("公民館", pushed.GetProperty("lastPlaceName").GetString());
        var listed = Assert.Single(await StaffListAsync(staffToken));
        Assert.Equal("grandpa", (string?)listed!["residentId"]);
        Assert.Equal("hall", (string?)listed["lastPlaceId"]);
        Assert.Equal(pushed.GetProperty("seq").GetInt64(), (long)listed["seq"]!);
        Assert.Equal(
            DateTimeOffset.Parse((string)listed["lastSeenAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            pushed.GetProperty("lastSeenAt").GetDateTimeOffset());

        // Another town's staff: their own (empty) list, and nothing pushed to them.
        Assert.Empty(await StaffListAsync(otherStaffToken));
        Assert.False(otherStaffHub.Messages.TryRead(out _));

        // The next touch takes the resident off the list, live and in the endpoint.
        await TouchAsync(reader, "back-again");
        var seen = await NextStaffMessageAsync(staffHub, "seen");
        Assert.Equal("grandpa", seen.GetProperty("residentId").GetString());
        Assert.True(seen.GetProperty("seq").GetInt64() > pushed.GetProperty("seq").GetInt64());
        Assert.Empty(await StaffListAsync(staffToken));
        Assert.False(otherStaffHub.Messages.TryRead(out _));
    }

    [Fact]
    public async Task A_family_account_is_refused_the_staff_list_and_hub()
    {
        await SetUpAsync();
        var familyToken = await LoginAsync();
        using var family = _silo.Client(familyToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await family.GetJsonAsync("/api/v1/staff/inactivity")).Status);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => LiveHubClient.ConnectAsync(_silo.BaseAddress, "/hubs/staff", familyToken));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_staff_list_survives_a_restart_and_is_not_raised_twice()
    {
        await SetUpAsync();
        await SetUpStaffAsync();
        var staffToken = await LoginAsync(Tenant, "desk");
        await _silo.StopAsync();
        await _silo.StartAsync();

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var listed = await WaitForStaffListAsync(staffToken, l => l.Count == 1);
        Assert.Equal("grandpa", (string?)listed[0]!["residentId"]);
        // Never touched since watched: last seen is when watching began, at no place.
        Assert.Null(listed[0]!["lastPlaceId"]);

        await _silo.StopAsync();
        await _silo.StartAsync();
        _silo.Clock.Advance(TimeSpan.FromHours(3));
        await using var staffHub = await LiveHubClient.ConnectStaffAsync(_silo.BaseAddress, staffToken);
        var again = Assert.Single(await StaffListAsync(staffToken));
        Assert.Equal((long)listed[0]!["seq"]!, (long)again!["seq"]!);
        Assert.False(staffHub.Messages.TryRead(out _));
    }

    [Fact]
    public async Task The_staff_page_shows_a_quiet_resident_gently_and_clears_them_without_reloading()
    {
        var reader = await SetUpAsync();
        await SetUpStaffAsync();
        await TouchAsync(reader, "morning");
        await using var browser = await ChromiumBrowser.LaunchAsync(900, 700);
        var page = await browser.PageAsync();
        await page.GotoAsync(new Uri(_silo.BaseAddress, $"/staff?tenant={Tenant}").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("見守り（町の窓口）");
        await page.FillAsync("#account", "desk");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#none")).ToBeVisibleAsync();

        _silo.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var entry = page.Locator("#inactive li[data-resident=grandpa]");
        await Assertions.Expect(entry).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await Assertions.Expect(entry).ToContainTextAsync("太郎さん");
        await Assertions.Expect(entry).ToContainTextAsync("公民館");
        await Assertions.Expect(page.Locator(".note")).ToContainTextAsync("よくあること");
        var artefacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(artefacts, "staff-inactivity.png"), FullPage = true });

        await TouchAsync(reader, "back-again");
        await Assertions.Expect(entry).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("#none")).ToBeVisibleAsync();
    }

    /// <summary>Staff account "desk" in the resident's town and in another town.</summary>
    private async Task SetUpStaffAsync()
    {
        using var admin = _silo.Client(SiloFixture.AdminToken);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync(
            $"/api/v1/tenants/{Tenant}/accounts", new { accountId = "desk", role = "staff", displayName = "福祉課", password = Password })).Status);
        var other = await admin.PutJsonAsync($"/api/v1/tenants/{OtherTenant}", new { name = "西町", timeZone = "Asia/Tokyo" });
        Assert.True(other.Status is HttpStatusCode.OK or HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync(
            $"/api/v1/tenants/{OtherTenant}/accounts", new { accountId = "desk", role = "staff", displayName = "西町 福祉課", password = Password })).Status);
    }

    private async Task<string> LoginAsync(string tenantId, string accountId)
    {
        using var client = _silo.Client(null);
        var response = await client.PostJsonAsync("/api/v1/login", new { tenantId, accountId, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Body!["token"]!;
    }

    private async Task<List<JsonNode?>> StaffListAsync(string token)
    {
        using var client = _silo.Client(token);
        var response = await client.GetJsonAsync("/api/v1/staff/inactivity");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body!.AsArray().ToList();
    }

    private async Task<List<JsonNode?>> WaitForStaffListAsync(string token, Func<List<JsonNode?>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var list = await StaffListAsync(token);
            if (condition(list))
            {
                return list;
            }

            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    private static async Task<JsonElement> NextStaffMessageAsync(LiveHubClient hub, string target)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await hub.Messages.ReadAsync(timeout.Token);
            if (message.Target == target)
            {
                return message.Arguments[0];
            }
        }
    }
}
