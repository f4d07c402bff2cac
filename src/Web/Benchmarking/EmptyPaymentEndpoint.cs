using System.Security.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using LoCoPi.Web.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Benchmarking;

/// <summary>
/// <c>POST /api/v1/benchmark/empty-payment</c>: the HTTP ceiling the load generator's
/// <c>payments</c> sub-command measures durable payments against. It pays what a payment pays at
/// the edge (reader authentication through the reader policy, body parsing into the same
/// <see cref="PaymentRequest"/>, the same field validation and mode check, a JSON answer) and
/// nothing behind it: no card, no wallet, no storage. Mapped next to the empty touch, only when
/// <c>Benchmark__EmptyEndpoint=true</c>.
/// </summary>
public static class EmptyPaymentEndpoint
{
    public static IEndpointRouteBuilder MapEmptyPayment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/benchmark/empty-payment", EmptyPaymentAsync)
            .RequireAuthorization(LoCoPiPolicies.Reader)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> EmptyPaymentAsync(HttpContext context, ClaimsPrincipal user)
    {
        var (request, problem) = await JsonBody.ReadAsync(context, WalletJsonContext.Web.PaymentRequest);
        if (request is null)
        {
            return problem!;
        }

        var invalidField = !Identifiers.IsValid(request.PaymentId) ? "paymentId"
            : !Identifiers.IsValid(request.CardId) ? "cardId"
            : !WalletRules.IsValidAmount(request.AmountYen) ? "amountYen"
            : null;
        if (invalidField is not null)
        {
            return Problems.Invalid(context, invalidField);
        }

        return user.FindFirst(LoCoPiClaims.Mode)?.Value == ReaderModes.Pay
            ? Results.Json(new PaymentResponse(request.PaymentId, 0, 0), WalletJsonContext.Web.PaymentResponse)
            : Problems.Result(context, DomainErrors.WrongMode);
    }
}
