using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.LoadGenerator.Setup;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>
/// Creates the payment benchmark tenant through the Silo's admin API and fills every wallet to the
/// ¥50,000 cap through a real <c>charge</c> reader, so the payments of the run approve (at ¥100 a
/// payment that is 500 payments per resident). Every PUT is idempotent; the charges use ids new
/// to this invocation and top up only what earlier runs spent.
/// </summary>
internal sealed class PaymentSetup(HttpClient http, Uri baseUrl, string adminToken)
{
    /// <summary>The paid-value cap of DOMAIN.md; charges are in ¥1,000 units.</summary>
    public const long CapYen = 50_000;

    private const int Parallelism = 32;

    public sealed record Result(IReadOnlyList<string> PayReaderTokens, long ChargedYen, int Charges, long SpendableYen);

    public async Task<Result> RunAsync(PaymentPopulation population, string runTag, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var tenant = Escape(population.TenantId);
        await PutAsync($"api/v1/tenants/{tenant}", new { name = "LoCoPi payment benchmark", timeZone = "Asia/Tokyo" }, cancellationToken);
        await PutAsync($"api/v1/tenants/{tenant}/places/{PaymentPopulation.ChargePointId}",
            new { name = "Benchmark charge point", kind = "charge_point" }, cancellationToken);
        await Parallel.ForAsync(0, population.ShopCount, Options(cancellationToken), async (i, ct) =>
            await PutAsync($"api/v1/tenants/{tenant}/places/{Escape(population.ShopId(i))}",
                new { name = $"Benchmark shop {i}", kind = "shop", category = "retail" }, ct));

        if (await ExistsAsync($"api/v1/tenants/{tenant}/residents/{Escape(population.ResidentId(population.ResidentCount - 1))}", cancellationToken))
        {
            Console.WriteLine($"  residents and cards already present in tenant {population.TenantId}");
        }
        else
        {
            await Parallel.ForAsync(0, population.ResidentCount, Options(cancellationToken), async (i, ct) =>
            {
                await PutAsync($"api/v1/tenants/{tenant}/residents/{Escape(population.ResidentId(i))}", new { displayName = $"Bench {i}" }, ct);
                await PutAsync($"api/v1/tenants/{tenant}/cards/{Escape(population.CardId(i))}", new { residentId = population.ResidentId(i) }, ct);
            });
        }

        var tokens = new string[population.ReaderCount];
        await Parallel.ForAsync(0, population.ReaderCount, Options(cancellationToken), async (i, ct) =>
            tokens[i] = await RegisterReaderAsync(tenant, population.ReaderId(i), population.ShopOfReader(i), "pay", ct));
        var chargerToken = await RegisterReaderAsync(tenant, PaymentPopulation.ChargeReaderId, PaymentPopulation.ChargePointId, "charge", cancellationToken);

        long charged = 0, spendable = 0;
        var charges = 0;
        await Parallel.ForAsync(0, population.ResidentCount, Options(cancellationToken), async (i, ct) =>
        {
            var balance = await BalanceAsync(tenant, population.ResidentId(i), ct);
            var topUp = (CapYen - balance) / 1_000 * 1_000;
            if (topUp > 0)
            {
                var chargeId = $"{runTag}-open-{i.ToString(CultureInfo.InvariantCulture)}";
                using var response = await SendAsync(HttpMethod.Post, "api/v1/charges",
                    new { chargeId, cardId = population.CardId(i), amountYen = topUp }, chargerToken, ct);
                balance = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("balanceYen").GetInt64();
                Interlocked.Add(ref charged, topUp);
                Interlocked.Increment(ref charges);
            }

            Interlocked.Add(ref spendable, balance);
        });
        Console.WriteLine($"  Silo setup done in {stopwatch.Elapsed.TotalSeconds:F1} s: {charges} opening charges, ¥{charged:N0} charged, ¥{spendable:N0} spendable");
        return new Result(tokens, charged, charges, spendable);
    }

    private async Task<string> RegisterReaderAsync(string tenant, string readerId, string placeId, string mode, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, $"api/v1/tenants/{tenant}/readers/{Escape(readerId)}", new { placeId, mode }, null, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("token").GetString() ?? throw new InvalidOperationException($"Reader {readerId} was registered without a token.");
    }

    private async Task<long> BalanceAsync(string tenant, string residentId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/v1/tenants/{tenant}/residents/{Escape(residentId)}", null, null, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("balanceYen").GetInt64();
    }

    private async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await SiloSetup.EnsureSuccessAsync(response, request, cancellationToken);
        return true;
    }

    private async Task PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, path, body, null, cancellationToken);
    }

    /// <summary>Sends with the admin token, or <paramref name="token"/> when given (the charge reader).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? adminToken);
        var response = await http.SendAsync(request, cancellationToken);
        await SiloSetup.EnsureSuccessAsync(response, request, cancellationToken);
        return response;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
