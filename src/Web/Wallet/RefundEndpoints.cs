using System.Globalization;
using System.Security.Claims;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// <c>POST /api/v1/tenants/{t}/refunds</c>: admin only, paid value only, with a reason code; who,
/// when and why are in the ledger entry. The only way money leaves a wallet other than a payment.
/// </summary>
public static class RefundEndpoints
{
    public static RouteGroupBuilder MapRefundEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants/{tenantId}/refunds", RefundAsync)
            .Accepts<RefundRequest>("application/json", EndpointContentTypes.Any).Produces<RefundResponse>(200)
            .ProducesProblem(409).ProducesProblem(422);
        return admin;
    }

    /// <summary>Who did it, for the audit trail: the account when there is one, otherwise the operator's admin token.</summary>
    internal static string ActorOf(ClaimsPrincipal user)
        => user.FindFirstValue(LoCoPiClaims.Account) ?? user.FindFirstValue(LoCoPiClaims.Role) ?? "unknown";

    private static async Task<IResult> RefundAsync(
        string tenantId, HttpContext context, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, WalletJsonContext.Web.RefundRequest);
        if (body is null)
        {
            return problem!;
        }

        var invalid = !Identifiers.IsValid(body.RefundId) ? "refundId"
            : !Identifiers.IsValid(body.ResidentId) ? "residentId"
            : !WalletRules.IsValidAmount(body.AmountYen) ? "amountYen"
            : !RefundReasons.All.Contains(body.Reason) ? "reason (business_discontinued, moved_away, death)"
            : null;
        if (invalid is not null)
        {
            return Problems.Invalid(context, invalid);
        }

        if (await grains.GetGrain<IResidentGrain>(tenantId, body.ResidentId).GetAsync() is null)
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        var zone = (await grains.GetGrain<ITenantGrain>(tenantId, tenantId).GetAsync())?.TimeZone ?? TenantDefinition.DefaultTimeZone;
        var hash = MoneyProcessor.HashBody(body.ResidentId, body.AmountYen.ToString(CultureInfo.InvariantCulture), body.Reason);
        var command = new RefundCommand(body.RefundId, hash, body.AmountYen, body.Reason, ActorOf(user), zone);
        var attempt = new MoneyAttempt(await grains.GetGrain<IWalletGrain>(tenantId, body.ResidentId).RefundAsync(command), null);
        return attempt.Failure is { } code
            ? Problems.Result(context, code, attempt.Field)
            : Results.Json(new RefundResponse(attempt.Reply!.Id, attempt.Reply.BalanceYen), WalletJsonContext.Web.RefundResponse);
    }
}
