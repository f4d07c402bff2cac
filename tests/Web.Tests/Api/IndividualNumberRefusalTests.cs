using System.Net;
using System.Text;
using LoCoPi.Web.Tests.Support;
using LoCoPi.Web.Validation;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

/// <summary>
/// API.md: a <c>cardId</c> shaped like the 12-digit individual number is 400
/// <c>individual_number_refused</c> on every path that takes a card — registration, suspension,
/// look-up, single and batch touches, payments, charges — and is never stored, logged or echoed.
/// Each test uses numbers of its own and then reads the SQLite files byte for byte and every log line.
/// </summary>
public sealed class IndividualNumberRefusalTests(SqliteSiloFixture silo) : IClassFixture<SqliteSiloFixture>
{
    private static int s_next;

    [Fact]
    public async Task Registering_suspending_or_reading_a_card_with_an_individual_number_is_refused_and_stores_nothing()
    {
        var town = await Town.CreateAsync(silo);
        await town.ResidentAsync("r1");
        var number = NewNumber();

        AssertRefused(await town.Admin.PutJsonAsync(town.Path("cards/" + number), new { residentId = "r1" }), number);
        AssertRefused(await town.Admin.PostJsonAsync(town.Path($"cards/{number}/suspend"), new { reason = "紛失" }), number);
        AssertRefused(await town.Admin.GetJsonAsync(town.Path("cards/" + number)), number);

        var resident = await town.Admin.GetJsonAsync(town.Path("residents/r1"));
        Assert.Empty(resident.Body!["cards"]!.AsArray());
        await AssertNeverKeptAsync(number);
    }

    [Fact]
    public async Task A_touch_with_an_individual_number_is_refused_claims_nothing_and_is_not_echoed_even_beside_a_bad_field()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        var number = NewNumber();

        AssertRefused(await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = number }), number);
        AssertRefused(await reader.SendAsync(HttpMethod.Post, "/api/v1/touches", $"{{\"touchId\": 5, \"CARDID\": \"{number}\"}}"), number);
        AssertRefused(await reader.SendAsync(HttpMethod.Post, "/api/v1/touches", $"{{\"cardId\": \"{number}\", \"touchId\": "), number);

        // The refused touch id was never claimed: the same id for a real card is a new touch.
        var touch = await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t1", cardId = "c1" });
        Assert.Equal(HttpStatusCode.OK, touch.Status);
        Assert.Equal(10, await town.PointsAsync("r1"));
        await AssertNeverKeptAsync(number);
    }

    [Fact]
    public async Task A_batch_refuses_the_item_with_an_individual_number_and_applies_the_others()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("library");
        await town.ResidentAsync("r1", "c1");
        var reader = await town.ReaderAsync("rd1", "library");
        var number = NewNumber();

        var response = await reader.PostJsonAsync("/api/v1/touches/batch", new
        {
            touches = new object[] { new { touchId = "b1", cardId = number }, new { touchId = "b2", cardId = "c1" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Body!["results"]!.AsArray();
        Assert.Equal("individual_number_refused", (string?)results[0]!["code"]);
        Assert.Equal(400, (int?)results[0]!["status"]);
        Assert.Equal("visit", (string?)results[1]!["outcome"]);
        Assert.DoesNotContain(number, Http.Json(response.Body), StringComparison.Ordinal);
        await AssertNeverKeptAsync(number);
    }

    [Fact]
    public async Task A_payment_or_charge_with_an_individual_number_is_refused_and_moves_no_money()
    {
        var town = await Town.CreateAsync(silo);
        await town.PlaceAsync("hall", kind: "charge_point");
        await town.PlaceAsync("shop", kind: "shop");
        var charger = await town.ReaderAsync("charger", "hall", mode: "charge");
        var register = await town.ReaderAsync("register", "shop", mode: "pay");
        var number = NewNumber();

        AssertRefused(await charger.PostJsonAsync("/api/v1/charges", new { chargeId = "ch1", cardId = number, amountYen = 1000 }), number);
        AssertRefused(await register.PostJsonAsync("/api/v1/payments", new { paymentId = "p1", cardId = number, amountYen = 100 }), number);

        var ledger = await town.Admin.GetJsonAsync(town.Path("ledger/summary"));
        Assert.Equal(0, (long)ledger.Body!["chargedYen"]!);
        Assert.Equal(0, (long)ledger.Body!["spentYen"]!);
        await AssertNeverKeptAsync(number);
    }

    [Fact]
    public async Task The_refusal_is_in_English_on_request_and_names_no_number()
    {
        var town = await Town.CreateAsync(silo);
        var number = NewNumber();
        var response = await silo.AdminClient("en").PutJsonAsync(town.Path("cards/" + number), new { residentId = "r1" });
        var problem = AssertRefused(response, number);
        Assert.Contains("individual number", (string?)problem["detail"], StringComparison.Ordinal);
        await AssertNeverKeptAsync(number);
    }

    private static System.Text.Json.Nodes.JsonNode AssertRefused(
        (HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body, string? ContentType) response, string number)
    {
        var problem = response.AssertProblem(HttpStatusCode.BadRequest, "individual_number_refused");
        Assert.DoesNotContain(number, Http.Json(problem), StringComparison.Ordinal);
        return problem;
    }

    /// <summary>No byte of the database files and no log line holds the number.</summary>
    private async Task AssertNeverKeptAsync(string number)
    {
        Assert.Empty(silo.Logs.Containing(number));
        var needle = Encoding.UTF8.GetBytes(number);
        // The database and its WAL: every committed write is in one of them. (The Silo's lock file is held open exclusively.)
        var files = Directory.EnumerateFiles(silo.DataDirectory, "locopi.db*").Where(f => !f.EndsWith(".silo-lock", StringComparison.Ordinal)).ToList();
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal) || f.EndsWith(".db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the number");
        }
    }

    /// <summary>A number of the individual number's shape that no other test uses: eleven digits and their check digit.</summary>
    private static string NewNumber()
    {
        var prefix = (98_320_567_000L + Interlocked.Increment(ref s_next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var number = Enumerable.Range(0, 10).Select(d => prefix + d).Single(IndividualNumber.HasShape);
        return number;
    }
}
