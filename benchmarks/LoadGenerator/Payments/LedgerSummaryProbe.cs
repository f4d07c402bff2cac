using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.LoadGenerator.Setup;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>API.md's ledger summary of one tenant.</summary>
internal sealed record LedgerTotals(
    long ChargedYen, long GrantedYen, long SpentYen, long RefundedYen, long ExpiredYen, long WalletsYen, long MerchantPayableYen)
{
    /// <summary><c>walletsYen + merchantPayableYen = chargedYen + grantedYen − expiredYen − refundedYen</c>.</summary>
    public bool IdentityHolds => WalletsYen + MerchantPayableYen == ChargedYen + GrantedYen - ExpiredYen - RefundedYen;

    public override string ToString() =>
        $"charged {ChargedYen:N0}, granted {GrantedYen:N0}, spent {SpentYen:N0}, refunded {RefundedYen:N0}, expired {ExpiredYen:N0}, wallets {WalletsYen:N0}, merchant payable {MerchantPayableYen:N0}";
}

/// <summary>Reads <c>GET /api/v1/tenants/{t}/ledger/summary</c> and residents' balances with the admin token.</summary>
internal sealed class LedgerSummaryProbe(HttpClient http, Uri baseUrl, string adminToken, string tenantId)
{
    public async Task<LedgerTotals> ReadAsync(CancellationToken cancellationToken)
    {
        var body = await GetAsync($"api/v1/tenants/{Uri.EscapeDataString(tenantId)}/ledger/summary", cancellationToken);
        return new LedgerTotals(
            body.GetProperty("chargedYen").GetInt64(), body.GetProperty("grantedYen").GetInt64(), body.GetProperty("spentYen").GetInt64(),
            body.GetProperty("refundedYen").GetInt64(), body.GetProperty("expiredYen").GetInt64(), body.GetProperty("walletsYen").GetInt64(),
            body.GetProperty("merchantPayableYen").GetInt64());
    }

    /// <summary>
    /// The summary is a projection of the committed journal and may trail the last answers by a
    /// moment: reads until <paramref name="settled"/> holds or the deadline passes, and returns the last read.
    /// </summary>
    public async Task<LedgerTotals> ReadSettledAsync(Func<LedgerTotals, bool> settled, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        var totals = await ReadAsync(cancellationToken);
        while (!settled(totals) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
            totals = await ReadAsync(cancellationToken);
        }
        return totals;
    }

    public async Task<long> BalanceAsync(string residentId, CancellationToken cancellationToken)
        => (await GetAsync($"api/v1/tenants/{Uri.EscapeDataString(tenantId)}/residents/{Uri.EscapeDataString(residentId)}", cancellationToken))
            .GetProperty("balanceYen").GetInt64();

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await SiloSetup.EnsureSuccessAsync(response, request, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
