using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

public abstract partial class EdgeApiSuite
{
    [Fact]
    public async Task A_visit_awards_the_places_points_and_a_replay_returns_the_original_answer_without_applying_twice()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");

        var first = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("visit", (string?)first.Body!["outcome"]);
        Assert.Equal(10, (long)first.Body["pointsAwarded"]!);
        Assert.Equal(10, (long)first.Body["pointsBalance"]!);
        Assert.False(string.IsNullOrEmpty((string?)first.Body["message"]));

        Silo.Clock.Advance(TimeSpan.FromMinutes(3));
        var replay = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(Http.Json(first.Body), Http.Json(replay.Body));
        Assert.Equal(10, await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task Reusing_a_touch_id_with_another_body_or_another_card_is_an_idempotency_conflict_and_changes_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("pool", pointsPerVisit: 5);
        await town.PlaceAsync("gym", pointsPerVisit: 5);
        await town.ResidentAsync("r1", "c1");
        await town.ResidentAsync("r2", "c2");
        var reader = await town.ReaderAsync("rd1", "pool");
        var otherReader = await town.ReaderAsync("rd2", "gym");
        Assert.Equal(HttpStatusCode.OK, (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" })).Status);

        var at = Silo.Clock.GetUtcNow().AddMinutes(-1);
        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1", at }))
            .AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c2" }))
            .AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");
        (await otherReader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.Conflict, "idempotency_conflict");

        Assert.Equal(5, await town.PointsAsync("r1"));
        Assert.Equal(0, await town.PointsAsync("r2"));
    }

    [Fact]
    public async Task Two_cards_racing_for_one_touch_id_apply_it_only_once()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("hall", pointsPerVisit: 3);
        var cards = Enumerable.Range(0, 8).Select(i => "c" + i).ToArray();
        for (var i = 0; i < cards.Length; i++)
        {
            await town.ResidentAsync("r" + i, cards[i]);
        }

        var reader = await town.ReaderAsync("rd1", "hall");
        var answers = await Task.WhenAll(cards.Select(c => reader.PostJsonAsync("/api/v1/touches", new { touchId = "shared", cardId = c })));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(cards.Length - 1, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        var balances = await Task.WhenAll(Enumerable.Range(0, cards.Length).Select(i => town.PointsAsync("r" + i)));
        Assert.Equal(3, balances.Sum());
    }

    [Fact]
    public async Task A_second_visit_the_same_tenant_local_day_earns_nothing_and_the_next_local_day_earns_again()
    {
        // 14:00 UTC is 23:00 in Tokyo; 15:05 UTC the same UTC day is already tomorrow in Tokyo.
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 2, 14, 0, 0, TimeSpan.Zero));
        var town = await TownAsync();
        await town.PlaceAsync("onsen", pointsPerVisit: 20);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "onsen");

        var first = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "d1", cardId = "c1" });
        Silo.Clock.Advance(TimeSpan.FromMinutes(30));
        var repeat = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "d2", cardId = "c1" });
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 2, 15, 5, 0, TimeSpan.Zero));
        var nextDay = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "d3", cardId = "c1" });

        Assert.Equal("visit", (string?)first.Body!["outcome"]);
        Assert.Equal("repeat_visit", (string?)repeat.Body!["outcome"]);
        Assert.Equal(0, (long)repeat.Body["pointsAwarded"]!);
        Assert.Equal("visit", (string?)nextDay.Body!["outcome"]);
        Assert.Equal(40, (long)nextDay.Body["pointsBalance"]!);
    }

    [Fact]
    public async Task A_tenant_redefined_in_another_time_zone_counts_visit_days_there_from_the_next_touch()
    {
        // 12:30 UTC is 21:30 on 10 June in Tokyo and already 00:30 on 11 June in Auckland.
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 10, 12, 30, 0, TimeSpan.Zero));
        var town = await TownAsync();
        await town.PlaceAsync("onsen", pointsPerVisit: 20);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "onsen");
        var inTokyo = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "z1", cardId = "c1" });

        var redefined = await town.Admin.PutJsonAsync($"/api/v1/tenants/{town.TenantId}", new { name = "朝日町", timeZone = "Pacific/Auckland" });
        Silo.Clock.Advance(TimeSpan.FromMinutes(1));
        var inAuckland = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "z2", cardId = "c1" });

        Assert.Equal(HttpStatusCode.OK, redefined.Status);
        Assert.Equal("visit", (string?)inTokyo.Body!["outcome"]);
        Assert.Equal("visit", (string?)inAuckland.Body!["outcome"]);
        Assert.Equal(40, (long)inAuckland.Body["pointsBalance"]!);
    }

    [Fact]
    public async Task The_day_of_a_late_upload_is_the_local_day_of_its_at()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("museum", pointsPerVisit: 4);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "museum");
        var now = Silo.Clock.GetUtcNow();

        var today = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "u1", cardId = "c1" });
        var twoDaysAgo = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "u2", cardId = "c1", at = now.AddDays(-2) });
        var twoDaysAgoAgain = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "u3", cardId = "c1", at = now.AddDays(-2).AddHours(1) });

        Assert.Equal("visit", (string?)today.Body!["outcome"]);
        Assert.Equal("visit", (string?)twoDaysAgo.Body!["outcome"]);
        Assert.Equal("repeat_visit", (string?)twoDaysAgoAgain.Body!["outcome"]);
        Assert.Equal(8, await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task An_upload_older_than_seven_days_or_from_the_future_is_refused_and_changes_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("museum", pointsPerVisit: 4);
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "museum");
        var now = Silo.Clock.GetUtcNow();

        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "old", cardId = "c1", at = now.AddDays(-7).AddMinutes(-1) }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "future", cardId = "c1", at = now.AddMinutes(6) }))
            .AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        var skewed = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "skewed", cardId = "c1", at = now.AddMinutes(4) });
        Assert.Equal(HttpStatusCode.OK, skewed.Status);
        Assert.Equal(4, await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task An_unknown_card_is_404_and_a_suspended_card_is_refused_at_once_on_every_reader()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library");
        await town.PlaceAsync("bus-1", kind: "bus");
        await town.ResidentAsync("r1", "c1");
        var library = await town.ReaderAsync("rd-lib", "library");
        var bus = await town.ReaderAsync("rd-bus", "bus-1", "board");
        (await library.PostJsonAsync("/api/v1/touches", new { touchId = "x0", cardId = "who" }))
            .AssertProblem(HttpStatusCode.NotFound, "unknown_card");
        Assert.Equal(HttpStatusCode.OK, (await library.PostJsonAsync("/api/v1/touches", new { touchId = "x1", cardId = "c1" })).Status);

        Assert.Equal(HttpStatusCode.OK, (await town.Admin.PostJsonAsync(town.Path("cards/c1/suspend"), new { reason = "lost" })).Status);

        (await library.PostJsonAsync("/api/v1/touches", new { touchId = "x2", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.Conflict, "card_suspended");
        (await bus.PostJsonAsync("/api/v1/touches", new { touchId = "x3", cardId = "c1" }))
            .AssertProblem(HttpStatusCode.Conflict, "card_suspended");
        Assert.Equal(10, await town.PointsAsync("r1"));
    }

    [Fact]
    public async Task A_reissued_card_keeps_the_residents_points()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("library", pointsPerVisit: 10);
        await town.PlaceAsync("pool", pointsPerVisit: 15);
        await town.ResidentAsync("r1", "old-card");
        var library = await town.ReaderAsync("rd-lib", "library");
        var pool = await town.ReaderAsync("rd-pool", "pool");
        Assert.Equal(HttpStatusCode.OK, (await library.PostJsonAsync("/api/v1/touches", new { touchId = "k1", cardId = "old-card" })).Status);

        await town.Admin.PostJsonAsync(town.Path("cards/old-card/suspend"), new { reason = "reissued" });
        Assert.Equal(HttpStatusCode.Created, (await town.Admin.PutJsonAsync(town.Path("cards/new-card"), new { residentId = "r1" })).Status);
        var touch = await pool.PostJsonAsync("/api/v1/touches", new { touchId = "k2", cardId = "new-card" });

        Assert.Equal(25, (long)touch.Body!["pointsBalance"]!);
        var resident = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        var cards = resident.Body!["cards"]!.AsArray().ToDictionary(c => (string)c!["cardId"]!, c => (string)c!["status"]!);
        Assert.Equal("suspended", cards["old-card"]);
        Assert.Equal("active", cards["new-card"]);
    }

    [Fact]
    public async Task Boarding_alighting_check_in_and_check_out_record_their_outcomes()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("bus-1", pointsPerVisit: 2, kind: "bus");
        await town.PlaceAsync("daycare", pointsPerVisit: 0, kind: "daycare");
        await town.ResidentAsync("r1", "c1");
        var board = await town.ReaderAsync("rd-board", "bus-1", "board");
        var alight = await town.ReaderAsync("rd-alight", "bus-1", "alight");
        var checkIn = await town.ReaderAsync("rd-in", "daycare", "check_in");
        var checkOut = await town.ReaderAsync("rd-out", "daycare", "check_out");

        var boarded = await board.PostJsonAsync("/api/v1/touches", new { touchId = "b1", cardId = "c1" });
        var alighted = await alight.PostJsonAsync("/api/v1/touches", new { touchId = "b2", cardId = "c1" });
        var checkedIn = await checkIn.PostJsonAsync("/api/v1/touches", new { touchId = "b3", cardId = "c1" });
        var checkedOut = await checkOut.PostJsonAsync("/api/v1/touches", new { touchId = "b4", cardId = "c1" });

        Assert.Equal("boarded", (string?)boarded.Body!["outcome"]);
        Assert.Equal(2, (long)boarded.Body["pointsAwarded"]!);
        Assert.Equal("alighted", (string?)alighted.Body!["outcome"]);
        Assert.Equal(0, (long)alighted.Body["pointsAwarded"]!);
        Assert.Equal("checked_in", (string?)checkedIn.Body!["outcome"]);
        Assert.Equal("checked_out", (string?)checkedOut.Body!["outcome"]);
    }

    [Fact]
    public async Task A_pay_or_charge_reader_posting_a_touch_is_wrong_mode_and_changes_nothing()
    {
        ResetClock();
        var town = await TownAsync();
        await town.PlaceAsync("shop", kind: "shop");
        await town.ResidentAsync("r1", "c1");
        var pay = await town.ReaderAsync("rd-pay", "shop", "pay");
        var charge = await town.ReaderAsync("rd-charge", "shop", "charge");
        (await pay.PostJsonAsync("/api/v1/touches", new { touchId = "w1", cardId = "c1" })).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        (await charge.PostJsonAsync("/api/v1/touches", new { touchId = "w2", cardId = "c1" })).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
        var resident = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        Assert.Empty(resident.Body!["recentTouches"]!.AsArray());
    }
}
