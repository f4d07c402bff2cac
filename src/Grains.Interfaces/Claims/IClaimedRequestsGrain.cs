using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Claims;

/// <summary>
/// The first answers to the requests of one kind in a tenant (key = the claim scope: <c>touch</c>,
/// <c>payment</c>, <c>charge</c>), as stored with their tenant-wide idempotency claims. Asked where
/// no grain will make the write that meets the claim — the card is unknown or suspended — so that a
/// retry of a request made before the suspension still gets its first answer. Read-only: it holds
/// no state and calls only the owner of a claim stored without an answer.
/// </summary>
public interface IClaimedRequestsGrain : IGrain
{
    /// <summary>
    /// The first answer to touch <paramref name="touchId"/>: null when nobody claimed it,
    /// idempotency_conflict when it was claimed for another body.
    /// </summary>
    Task<TouchReply?> FindTouchAnswerAsync(string touchId, string bodyHash);

    /// <summary>
    /// The first answer to money request <paramref name="id"/> (a payment or charge id, as the key
    /// says): null when nobody claimed it, idempotency_conflict when it was claimed for another body.
    /// </summary>
    Task<MoneyReply?> FindMoneyAnswerAsync(string id, string bodyHash);
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class ClaimedRequestsGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IClaimedRequestsGrain
{
    private static readonly GrainMethod FindTouchAnswer = new(nameof(IClaimedRequestsGrain), nameof(FindTouchAnswerAsync), readOnly: true);
    private static readonly GrainMethod FindMoneyAnswer = new(nameof(IClaimedRequestsGrain), nameof(FindMoneyAnswerAsync), readOnly: true);

    public Task<TouchReply?> FindTouchAnswerAsync(string touchId, string bodyHash)
        => InvokeAsync<IClaimedRequestsGrain, (string Id, string BodyHash), TouchReply?>(
            FindTouchAnswer, (touchId, bodyHash), static (g, a) => g.FindTouchAnswerAsync(a.Id, a.BodyHash));

    public Task<MoneyReply?> FindMoneyAnswerAsync(string id, string bodyHash)
        => InvokeAsync<IClaimedRequestsGrain, (string Id, string BodyHash), MoneyReply?>(
            FindMoneyAnswer, (id, bodyHash), static (g, a) => g.FindMoneyAnswerAsync(a.Id, a.BodyHash));
}
