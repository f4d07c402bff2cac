using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Server;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Queue;

/// <summary>
/// Records a touch durably, then tries to send it at once. The queue row goes only when the
/// server has answered; otherwise the <see cref="TouchUploader"/> delivers it later.
/// </summary>
internal sealed class TouchSender(TouchQueue queue, LocoPiApi api, TouchUploader uploader, TimeProvider time)
{
    public async Task<Outcome> TouchAsync(string cardId, CancellationToken cancellationToken)
    {
        // Refused before the queue: a row on disk would be an individual number stored.
        if (IndividualNumber.HasShape(cardId))
        {
            return new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused);
        }

        var touch = QueuedTouch.Create(cardId, time);

        // The uploader must not send the same row concurrently; it would only be absorbed by idempotency, but costs a
        // request. Claimed before the row exists: an uploader that peeks the queue between the insert and a later
        // claim would otherwise send it too (seen as 41 requests for 40 touches under load).
        using var claim = uploader.Claim(touch.TouchId);
        await queue.EnqueueAsync(touch, cancellationToken);
        var result = await api.TouchAsync(new TouchRequest(touch.TouchId, touch.CardId, touch.At), cancellationToken);
        switch (result)
        {
            case ApiResult<TouchResponse>.Ok ok:
                await queue.RemoveAsync(touch.TouchId, CancellationToken.None);

                // The server answers again: whatever queued up during an outage can go now.
                uploader.Wake();
                return Describe(ok.Body);
            case ApiResult<TouchResponse>.Refused refused:
                await queue.RejectAsync(touch, refused.Problem.Status, refused.Problem.Code ?? "", refused.Problem.Detail ?? "",
                    time.GetUtcNow(), CancellationToken.None);
                return Describe(refused.Problem);
            default:
                uploader.Wake();
                return new Outcome(OutcomeKind.Warning, Messages.Offline);
        }
    }

    internal static Outcome Describe(TouchResponse response)
    {
        if (response.Outcome == "repeat_visit")
        {
            return new Outcome(OutcomeKind.Warning, string.IsNullOrWhiteSpace(response.Message) ? Messages.RepeatVisit : response.Message);
        }

        var message = string.IsNullOrWhiteSpace(response.Message)
            ? Messages.Points(response.PointsAwarded, response.PointsBalance)
            : response.Message;
        return new Outcome(OutcomeKind.Success, message);
    }

    /// <summary>The platform's codes get fixed wording; anything else shows the server's own sentence.</summary>
    internal static Outcome Describe(Problem problem) => problem.Code switch
    {
        "unknown_card" => new Outcome(OutcomeKind.Error, Messages.NotRegistered),
        "card_suspended" => new Outcome(OutcomeKind.Error, Messages.Suspended),
        "insufficient_funds" => new Outcome(OutcomeKind.Error, Messages.InsufficientFunds),
        "individual_number_refused" => new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused),
        _ => new Outcome(OutcomeKind.Error, problem.Detail ?? problem.Title ?? $"エラー ({problem.Status})"),
    };
}
