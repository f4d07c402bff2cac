using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Tests.Support;

namespace LoCoPi.Grains.Tests.Residents;

/// <summary>A retried touch id is answered by the grains from its claim, whatever happened to the card since.</summary>
public sealed class TouchRetryTests
{
    [Fact]
    public async Task A_retry_gets_its_first_answer_and_another_body_is_a_conflict_and_neither_adds_points()
    {
        await using var host = await GrainsHost.StartAsync();
        var resident = await DefineAsync(host);
        var first = await resident.RecordTouchAsync(Touch("t1", "hash-1"));

        var retry = await resident.RecordTouchAsync(Touch("t1", "hash-1"));
        var reuse = await resident.RecordTouchAsync(Touch("t1", "hash-2"));

        Assert.Equal(first, retry);
        Assert.Equal(DomainErrors.IdempotencyConflict, reuse.ErrorCode);
        Assert.Equal(10, (await resident.GetAsync())!.PointsBalance);
    }

    [Fact]
    public async Task A_retry_after_the_card_was_suspended_still_gets_its_first_answer()
    {
        await using var host = await GrainsHost.StartAsync();
        var resident = await DefineAsync(host);
        var first = await resident.RecordTouchAsync(Touch("t1", "hash-1"));
        await host.Get<ICardGrain>("c1").SuspendAsync("lost");

        var throughResident = await resident.RecordTouchAsync(Touch("t1", "hash-1"));
        var throughClaims = await host.Get<IClaimedRequestsGrain>(TouchReply.ClaimScope).FindTouchAnswerAsync("t1", "hash-1");
        var newTouch = await resident.RecordTouchAsync(Touch("t2", "hash-3"));

        Assert.Equal(first, throughResident);
        Assert.Equal(first, throughClaims);
        Assert.Equal(DomainErrors.CardSuspended, newTouch.ErrorCode);
        Assert.Null(await host.Get<IClaimedRequestsGrain>(TouchReply.ClaimScope).FindTouchAnswerAsync("t2", "hash-3"));
    }

    private static async Task<IResidentGrain> DefineAsync(GrainsHost host)
    {
        await host.Get<IResidentGrain>("r1").DefineAsync(new ResidentProfile("Hanako", 1990, null));
        await host.Get<ICardGrain>("c1").LinkAsync("r1");
        return host.Get<IResidentGrain>("r1");
    }

    private static TouchCommand Touch(string touchId, string bodyHash) => new(
        touchId, bodyHash, "c1", "library", "reader-1", ReaderModes.Visit, 10, "Asia/Tokyo", DateTimeOffset.UtcNow);
}
