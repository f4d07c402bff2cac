using System.Threading.Channels;
using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Configuration;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Queue;
using LoCoPi.ReaderClient.Server;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>
/// Turns card reads into requests and feedback. A touch terminal sends each card as a touch; a pay
/// or charge terminal first asks the clerk for the amount, then takes the next card.
/// </summary>
internal sealed class Terminal(TerminalMode mode, TouchSender touches, LocoPiApi api, IFeedback feedback, TimeProvider time)
{
    private static readonly TimeSpan s_paymentRetry = TimeSpan.FromSeconds(1);

    public async Task RunAsync(ChannelReader<CardReadResult> cards, CancellationToken cancellationToken)
    {
        while (true)
        {
            long amount = 0;
            if (mode != TerminalMode.Touch)
            {
                amount = await feedback.AskAmountAsync(mode == TerminalMode.Pay ? Messages.AskPayment : Messages.AskCharge, cancellationToken);

                // A card touched before the amount was entered is not meant for this payment.
                while (cards.TryRead(out _))
                {
                }

                feedback.Status(Messages.Ready);
            }

            if (!await cards.WaitToReadAsync(cancellationToken))
            {
                return;
            }

            var card = await cards.ReadAsync(cancellationToken);
            await feedback.ShowAsync(await HandleAsync(card, amount, cancellationToken), cancellationToken);
        }
    }

    private async Task<Outcome> HandleAsync(CardReadResult card, long amount, CancellationToken cancellationToken) => card switch
    {
        CardReadResult.Read read when mode == TerminalMode.Touch => await touches.TouchAsync(read.ServiceId, cancellationToken),
        CardReadResult.Read read => await MoveMoneyAsync(read.ServiceId, amount, cancellationToken),
        CardReadResult.NotRegistered => new Outcome(OutcomeKind.Error, Messages.NotRegistered),
        CardReadResult.IndividualNumberRefused => new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused),
        CardReadResult.Removed => new Outcome(OutcomeKind.Warning, Messages.CardRemoved),
        _ => new Outcome(OutcomeKind.Error, Messages.Unreadable),
    };

    /// <summary>
    /// Money never moves offline (the balance is on the server), so payments are not queued; the same
    /// id is retried a few times, which the server's idempotency makes safe.
    /// </summary>
    private async Task<Outcome> MoveMoneyAsync(string cardId, long amount, CancellationToken cancellationToken)
    {
        if (IndividualNumber.HasShape(cardId))
        {
            return new Outcome(OutcomeKind.Error, Messages.IndividualNumberRefused);
        }

        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(s_paymentRetry, time, cancellationToken);
            }

            if (mode == TerminalMode.Pay)
            {
                switch (await api.PayAsync(new PaymentRequest(id, cardId, amount), cancellationToken))
                {
                    case ApiResult<PaymentResponse>.Ok ok:
                        return new Outcome(OutcomeKind.Success, Messages.Paid(amount, ok.Body.BalanceYen, ok.Body.PointsAwarded));
                    case ApiResult<PaymentResponse>.Refused refused:
                        return TouchSender.Describe(refused.Problem);
                }
            }
            else
            {
                switch (await api.ChargeAsync(new ChargeRequest(id, cardId, amount), cancellationToken))
                {
                    case ApiResult<ChargeResponse>.Ok ok:
                        return new Outcome(OutcomeKind.Success, Messages.Charged(amount, ok.Body.BalanceYen));
                    case ApiResult<ChargeResponse>.Refused refused:
                        return TouchSender.Describe(refused.Problem);
                }
            }
        }

        return new Outcome(OutcomeKind.Error, Messages.PaymentOffline);
    }
}
