using System.Net;
using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Benchmarking;

public sealed class EmptyPaymentEndpointTests(BenchmarkSiloFixture silo) : IClassFixture<BenchmarkSiloFixture>
{
    private const string EmptyPayment = "/api/v1/benchmark/empty-payment";

    [Fact]
    public async Task Empty_payment_answers_like_a_payment_but_moves_and_claims_nothing()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("shop", pointsPerVisit: 0, kind: "shop");
        await town.ResidentAsync("hanako", "card-1");
        var reader = await town.ReaderAsync("till", "shop", "pay");

        var empty = await reader.PostJsonAsync(EmptyPayment, new { paymentId = "p-1", cardId = "card-1", amountYen = 500 });

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("p-1", (string)empty.Body!["paymentId"]!);
        Assert.Equal(0, (long)empty.Body["balanceYen"]!);
        Assert.Equal(0, (long)empty.Body["pointsAwarded"]!);
        var ledger = await town.Admin.GetJsonAsync(town.Path("ledger/summary"));
        Assert.Equal(0, (long)ledger.Body!["spentYen"]!);
        // Nothing claimed the paymentId: the real payment with it is judged on its own (no money yet).
        (await reader.PostJsonAsync("/api/v1/payments", new { paymentId = "p-1", cardId = "card-1", amountYen = 500 }))
            .AssertProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
    }

    [Fact]
    public async Task Empty_payment_needs_a_pay_reader_token()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        var visit = await town.ReaderAsync("gate", "library");
        var body = new { paymentId = "p-1", cardId = "card-1", amountYen = 500 };

        (await silo.Client().PostJsonAsync(EmptyPayment, body)).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.AdminClient().PostJsonAsync(EmptyPayment, body)).Status);
        (await visit.PostJsonAsync(EmptyPayment, body)).AssertProblem(HttpStatusCode.Forbidden, "wrong_mode");
    }

    [Theory]
    [InlineData("{\"paymentId\": \"not valid!\", \"cardId\": \"card-1\", \"amountYen\": 100}")]
    [InlineData("{\"cardId\": \"card-1\", \"amountYen\": 100}")]
    [InlineData("{\"paymentId\": \"p-1\", \"cardId\": \"card-1\", \"amountYen\": 0}")]
    [InlineData("{\"paymentId\": \"p-1\", \"cardId\": \"card-1\", \"amountYen\": \"100\"}")]
    [InlineData("{\"paymentId\": \"p-1\", \"cardId\": \"card-1\"")]
    public async Task Empty_payment_rejects_what_a_payment_rejects(string body)
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("shop", pointsPerVisit: 0, kind: "shop");
        var reader = await town.ReaderAsync("till", "shop", "pay");

        (await reader.SendAsync(HttpMethod.Post, EmptyPayment, body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
        (await reader.SendAsync(HttpMethod.Post, "/api/v1/payments", body)).AssertProblem(HttpStatusCode.BadRequest, "invalid_request");
    }
}

public sealed class EmptyPaymentEndpointSwitchTests(SqliteSiloFixture silo) : IClassFixture<SqliteSiloFixture>
{
    [Fact]
    public async Task Empty_payment_is_not_mapped_unless_the_benchmark_switch_is_on()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("shop", pointsPerVisit: 0, kind: "shop");
        var reader = await town.ReaderAsync("till", "shop", "pay");

        var response = await reader.PostJsonAsync("/api/v1/benchmark/empty-payment", new { paymentId = "p-1", cardId = "card-1", amountYen = 100 });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}
