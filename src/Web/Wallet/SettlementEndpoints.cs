using System.Globalization;
using System.Text;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
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

    public static RouteGroupBuilder MapSettlementEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenantId}/merchants/{shopId}/settlement", StatementAsync)
            .Produces<SettlementResponse>(200, "application/json", "text/csv");
        return admin;
    }

    private static async Task<IResult> StatementAsync(
        string tenantId, string shopId, string? from, string? to, string? format, HttpContext context, IGrainFactory grains, LedgerCatchUp catchUp)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        if (!Identifiers.IsValid(shopId))
        {
            return Problems.Invalid(context, "shopId");
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

        if (await grains.GetGrain<IPlaceGrain>(tenantId, shopId).GetAsync() is not { Kind: "shop" })
        {
            return Problems.Result(context, DomainErrors.UnknownPlace);
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
}
