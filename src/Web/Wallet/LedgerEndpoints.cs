using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// The ledger's reports (admin): API.md's summary, the unused balance on a reference date, spending
/// by shop category, and one wallet's buckets. Reports first wait (briefly) until the ledger
/// projection has applied the journal as it stood when they were asked for, so they include every
/// operation already answered.
/// </summary>
public static class LedgerEndpoints
{
    /// <summary>How long a report waits for the projection before answering with what it has.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapLedgerEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tenants/{tenantId}/ledger/summary", SummaryAsync).Produces<LedgerSummaryResponse>(200);
        admin.MapGet("/tenants/{tenantId}/ledger/unused-balance", UnusedAsync).Produces<UnusedBalanceResponse>(200);
        admin.MapGet("/tenants/{tenantId}/ledger/spend-by-category", ByCategoryAsync).Produces<SpendByCategoryResponse>(200);
        admin.MapGet("/tenants/{tenantId}/residents/{residentId}/wallet", WalletAsync).Produces<WalletResponse>(200);
        return admin;
    }

    private static async Task<IResult> SummaryAsync(string tenantId, HttpContext context, IGrainFactory grains, LedgerCatchUp catchUp)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        await catchUp.WaitAsync(tenantId, CatchUpLimit, context.RequestAborted);
        var s = await grains.GetGrain<ILedgerGrain>(tenantId, tenantId).GetSummaryAsync();
        return Results.Json(new LedgerSummaryResponse(
            s.ChargedYen, s.GrantedYen, s.SpentYen, s.RefundedYen, s.ExpiredYen, s.WalletsYen, s.MerchantPayableYen,
            s.ThroughSeq, s.UnbalancedEntries), WalletJsonContext.Web.LedgerSummaryResponse);
    }

    private static async Task<IResult> UnusedAsync(string tenantId, string? date, HttpContext context, IGrainFactory grains, LedgerCatchUp catchUp)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var referenceDate))
        {
            return Problems.Invalid(context, "date (yyyy-MM-dd)");
        }

        await catchUp.WaitAsync(tenantId, CatchUpLimit, context.RequestAborted);
        var u = await grains.GetGrain<ILedgerGrain>(tenantId, tenantId).GetUnusedBalanceAsync(referenceDate);
        return Results.Json(new UnusedBalanceResponse(u.ReferenceDate, u.UnusedYen, u.PaidYen, u.GrantYen, u.ReportRequired),
            WalletJsonContext.Web.UnusedBalanceResponse);
    }

    private static async Task<IResult> ByCategoryAsync(string tenantId, HttpContext context, IGrainFactory grains, LedgerCatchUp catchUp)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        await catchUp.WaitAsync(tenantId, CatchUpLimit, context.RequestAborted);
        var ledger = grains.GetGrain<ILedgerGrain>(tenantId, tenantId);
        var summary = await ledger.GetSummaryAsync();
        var categories = await ledger.GetSpendByCategoryAsync();
        return Results.Json(new SpendByCategoryResponse(summary.ChargedYen, summary.SpentYen, [.. categories.Select(c => new CategoryShare(
            c.Category, c.SpentYen, c.Payments, summary.ChargedYen == 0 ? 0 : (double)c.SpentYen / summary.ChargedYen))]),
            WalletJsonContext.Web.SpendByCategoryResponse);
    }

    private static async Task<IResult> WalletAsync(string tenantId, string residentId, HttpContext context, IGrainFactory grains)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, residentId, "residentId", context, grains) is { } pathProblem)
        {
            return pathProblem;
        }

        if (await grains.GetGrain<IResidentGrain>(tenantId, residentId).GetAsync() is null)
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        var w = await grains.GetGrain<IWalletGrain>(tenantId, residentId).GetAsync();
        return Results.Json(new WalletResponse(w.ResidentId, w.BalanceYen, w.PaidYen, [.. w.Grants.Select(g => new GrantBucketResponse(
            g.GrantId, g.AmountYen, g.ExpiresOn, g.Reason, g.SpentYen, g.ExpiredYen, g.RemainingYen))]), WalletJsonContext.Web.WalletResponse);
    }
}

/// <summary>Waits until the ledger projection has applied the tenant's journal as it stands now.</summary>
public sealed class LedgerCatchUp(IJournalStreams streams, IGrainStorage storage, LedgerProgress progress, TimeProvider time)
{
    public async Task<bool> WaitAsync(string tenantId, TimeSpan limit, CancellationToken cancellationToken)
    {
        var head = streams.GetHead(tenantId);
        var started = time.GetTimestamp();
        while (true)
        {
            // After a restart with nothing new to deliver, only the stored cursor shows how far it got.
            if (progress.AppliedThrough(tenantId) >= head
                || (await storage.ReadCursorAsync(LedgerProgress.SubscriberName, tenantId, cancellationToken) ?? 0) >= head)
            {
                return true;
            }

            if (time.GetElapsedTime(started) > limit)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }
}
