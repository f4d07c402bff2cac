using System.Globalization;
using System.Security.Claims;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// <c>GET /api/v1/tenants/{t}/merchants/{shopId}/settlement?from=…&amp;to=…[&amp;format=csv]</c>: what
/// the town owes a shop for the days from..to (tenant-local, inclusive), per day.
/// </summary>
public static class SettlementEndpoints
{
    private const int MaxDays = 366;

    /// <summary>The statement: admin, or a merchant account linked to the shop (group policy MerchantOrAdmin).</summary>
    public static RouteGroupBuilder MapSettlementEndpoints(this RouteGroupBuilder merchantOrAdmin)
    {
        merchantOrAdmin.MapGet("/tenants/{tenantId}/merchants/{shopId}/settlement", StatementAsync)
            .Produces<SettlementResponse>(200, "application/json", "text/csv");
        return merchantOrAdmin;
    }

    /// <summary>Admin: lets a merchant account read a shop's statements.</summary>
    public static RouteGroupBuilder MapMerchantAccountEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPut("/tenants/{tenantId}/merchants/{shopId}/accounts/{accountId}", LinkAsync).Produces<MerchantAccountResponse>(200);
        return admin;
    }

    private static async Task<IResult> LinkAsync(string tenantId, string shopId, string accountId, HttpContext context, IGrainFactory grains)
    {
        if (await CheckShopAsync(tenantId, shopId, context, grains) is { } problem)
        {
            return problem;
        }

        if (!Identifiers.IsValid(accountId))
        {
            return Problems.Invalid(context, "accountId");
        }

        var account = await grains.GetGrain<IAccountGrain>(tenantId, accountId).GetAsync();
        if (account is null)
        {
            return Problems.Result(context, ProblemCatalog.UnknownAccount);
        }

        if (account.Role != LoCoPiRoles.Merchant)
        {
            return Problems.Invalid(context, "accountId (a merchant account)");
        }

        await grains.GetGrain<IMerchantGrain>(tenantId, shopId).LinkAccountAsync(accountId);
        return Results.Json(new MerchantAccountResponse(shopId, accountId), WalletJsonContext.Web.MerchantAccountResponse);
    }

    private static async Task<IResult> StatementAsync(
        string tenantId, string shopId, string? from, string? to, string? format, HttpContext context, ClaimsPrincipal user,
        IGrainFactory grains, LedgerCatchUp catchUp)
    {
        // A merchant sees only the shops it is linked to, in its own tenant; the same answer for
        // every refusal, so a merchant cannot probe which shops exist elsewhere.
        if (user.HasClaim(LoCoPiClaims.Role, LoCoPiRoles.Merchant)
            && (user.FindFirstValue(LoCoPiClaims.Tenant) != tenantId || !Identifiers.IsValid(shopId)
                || !await grains.GetGrain<IMerchantGrain>(tenantId, shopId).IsLinkedAsync(user.FindFirstValue(LoCoPiClaims.Account)!)))
        {
            return Problems.Result(context, ProblemCatalog.Forbidden);
        }

        if (await CheckShopAsync(tenantId, shopId, context, grains) is { } problem)
        {
            return problem;
        }

        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", out var first) || !DateOnly.TryParseExact(to, "yyyy-MM-dd", out var last)
            || last < first || last.DayNumber - first.DayNumber >= MaxDays)
        {
            return Problems.Invalid(context, "from/to (yyyy-MM-dd, at most 366 days)");
        }

        if (format is not (null or "json" or "csv"))
        {
            return Problems.Invalid(context, "format (json, csv)");
        }

        await catchUp.WaitAsync(tenantId, TimeSpan.FromSeconds(5), context.RequestAborted);
        var s = await grains.GetGrain<IMerchantGrain>(tenantId, shopId).GetStatementAsync(first, last);
        if (format == "csv")
        {
            var csv = new StringBuilder("date,payments,amount_yen\n");
            foreach (var day in s.Days)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{day.Date:yyyy-MM-dd},{day.Payments},{day.AmountYen}\n");
            }

            csv.Append(CultureInfo.InvariantCulture, $"total,{s.Payments},{s.AmountYen}\n");
            return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
        }

        return Results.Json(new SettlementResponse(s.ShopId, s.From, s.To, s.Payments, s.AmountYen,
            [.. s.Days.Select(d => new SettlementDayResponse(d.Date, d.Payments, d.AmountYen))]), WalletJsonContext.Web.SettlementResponse);
    }

    private static async Task<IResult?> CheckShopAsync(string tenantId, string shopId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, shopId, "shopId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        return await grains.GetGrain<IPlaceGrain>(tenantId, shopId).GetAsync() is { Kind: "shop" }
            ? null
            : Problems.Result(context, DomainErrors.UnknownPlace);
    }
}
