using System.Security.Claims;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Wallet;

/// <summary><c>POST /api/v1/payments</c> and <c>/charges</c>; tenant, place and mode come from the reader token.</summary>
public static class PaymentEndpoints
{
    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder readers)
    {
        readers.MapPost("/payments", PayAsync)
            .Accepts<PaymentRequest>("application/json", EndpointContentTypes.Any).Produces<PaymentResponse>(200)
            .ProducesProblem(402);
        readers.MapPost("/charges", ChargeAsync)
            .Accepts<ChargeRequest>("application/json", EndpointContentTypes.Any).Produces<ChargeResponse>(200)
            .ProducesProblem(422);
        return readers;
    }

    private static async Task<IResult> PayAsync(HttpContext context, ClaimsPrincipal user, MoneyProcessor processor)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, WalletJsonContext.Web.PaymentRequest);
        if (body is null)
        {
            return problem!;
        }

        var attempt = await processor.PayAsync(ReaderOf(user), body);
        return attempt.Failure is { } code
            ? Problems.Result(context, code, attempt.Field)
            : Results.Json(new PaymentResponse(attempt.Reply!.Id, attempt.Reply.BalanceYen, attempt.Reply.PointsAwarded),
                WalletJsonContext.Web.PaymentResponse);
    }

    private static async Task<IResult> ChargeAsync(HttpContext context, ClaimsPrincipal user, MoneyProcessor processor)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, WalletJsonContext.Web.ChargeRequest);
        if (body is null)
        {
            return problem!;
        }

        var attempt = await processor.ChargeAsync(ReaderOf(user), body);
        return attempt.Failure is { } code
            ? Problems.Result(context, code, attempt.Field)
            : Results.Json(new ChargeResponse(attempt.Reply!.Id, attempt.Reply.BalanceYen), WalletJsonContext.Web.ChargeResponse);
    }

    private static ReaderIdentity ReaderOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(LoCoPiClaims.Tenant)!, user.FindFirstValue(LoCoPiClaims.Reader)!,
        user.FindFirstValue(LoCoPiClaims.Place)!, user.FindFirstValue(LoCoPiClaims.Mode)!);
}
