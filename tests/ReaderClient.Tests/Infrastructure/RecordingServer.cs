using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoCoPi.ReaderClient.Tests.Infrastructure;

/// <summary>
/// A small server that speaks the reader half of API.md (touches and batches) and records what
/// it receives, idempotent by <c>touchId</c> like the real Silo. It can be stopped and started on
/// the same port to stage an outage.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    public const string Token = "test-reader-token";

    private readonly ConcurrentDictionary<string, string> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _visitsByCard = new();
    private int _received;
    private int _failed;
    private int _largestBatch;
    private WebApplication? _app;

    public RecordingServer() => Port = FreePort();

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Payments received, by paymentId.</summary>
    public ConcurrentDictionary<string, (string CardId, long AmountYen)> Payments { get; } = new();

    /// <summary>Charges received, by chargeId.</summary>
    public ConcurrentDictionary<string, (string CardId, long AmountYen)> Charges { get; } = new();

    /// <summary>Cards the server refuses as suspended (409 card_suspended).</summary>
    public HashSet<string> SuspendedCards { get; } = [];

    /// <summary>Cards the server does not know (404 unknown_card).</summary>
    public HashSet<string> UnknownCards { get; } = [];

    /// <summary>Distinct touches accepted, by touchId → cardId.</summary>
    public IReadOnlyDictionary<string, string> Accepted => _accepted;

    /// <summary>Touch items received, counting re-sends of the same touchId.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>When set, every request is answered with this status (a 5xx outage, say).</summary>
    public int? FailAllWith { get; set; }

    /// <summary>Requests answered with <see cref="FailAllWith"/>.</summary>
    public int FailedRequests => Volatile.Read(ref _failed);

    /// <summary>The most touches one batch request carried.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    public int TouchesOf(string cardId) => _accepted.Values.Count(c => c == cardId);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            if (FailAllWith is { } status)
            {
                Interlocked.Increment(ref _failed);
                http.Response.StatusCode = status;
                await http.Response.WriteAsJsonAsync(new { status, code = "unavailable", title = "down" });
                return;
            }

            await next(http);
        });
        app.MapPost("/api/v1/touches", async (HttpContext http) =>
        {
            if (!Authorized(http))
            {
                return Results.Problem(statusCode: 401, extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" });
            }

            var touch = await JsonNode.ParseAsync(http.Request.Body);
            var (status, body) = Apply(touch!);
            return Results.Json(body, statusCode: status, contentType: status == 200 ? "application/json" : "application/problem+json");
        });
        app.MapPost("/api/v1/touches/batch", async (HttpContext http) =>
        {
            if (!Authorized(http))
            {
                return Results.Problem(statusCode: 401, extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" });
            }

            var batch = await JsonNode.ParseAsync(http.Request.Body);
            var touches = batch!["touches"]!.AsArray();
            InterlockedMax(ref _largestBatch, touches.Count);
            if (touches.Count > 1000)
            {
                return Results.Problem(statusCode: 400, extensions: new Dictionary<string, object?> { ["code"] = "invalid_request" });
            }

            var results = new JsonArray(touches.Select(t => (JsonNode?)Apply(t!).Body).ToArray());
            return Results.Json(new JsonObject { ["results"] = results });
        });
        app.MapPost("/api/v1/payments", async (HttpContext http) =>
        {
            var payment = await JsonNode.ParseAsync(http.Request.Body);
            var amount = payment!["amountYen"]!.GetValue<long>();
            Payments.TryAdd(payment["paymentId"]!.GetValue<string>(), (payment["cardId"]!.GetValue<string>(), amount));
            return Results.Json(new { paymentId = payment["paymentId"]!.GetValue<string>(), balanceYen = 5000 - amount, pointsAwarded = amount / 100 * 10 });
        });
        app.MapPost("/api/v1/charges", async (HttpContext http) =>
        {
            var charge = await JsonNode.ParseAsync(http.Request.Body);
            var amount = charge!["amountYen"]!.GetValue<long>();
            if (amount % 1000 != 0)
            {
                return Results.Json(new { status = 422, code = "charge_unit", title = "Charge unit", detail = "チャージは1,000円単位です" },
                    statusCode: 422, contentType: "application/problem+json");
            }

            Charges.TryAdd(charge["chargeId"]!.GetValue<string>(), (charge["cardId"]!.GetValue<string>(), amount));
            return Results.Json(new { chargeId = charge["chargeId"]!.GetValue<string>(), balanceYen = amount });
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static bool Authorized(HttpContext http) => http.Request.Headers.Authorization == $"Bearer {Token}";

    private (int Status, JsonNode Body) Apply(JsonNode touch)
    {
        Interlocked.Increment(ref _received);
        var touchId = touch["touchId"]!.GetValue<string>();
        var cardId = touch["cardId"]!.GetValue<string>();
        if (UnknownCards.Contains(cardId))
        {
            return (404, new JsonObject
            {
                ["status"] = 404, ["title"] = "Unknown card", ["code"] = "unknown_card", ["detail"] = "登録されていないカードです",
            });
        }

        if (SuspendedCards.Contains(cardId))
        {
            return (409, new JsonObject
            {
                ["status"] = 409, ["title"] = "Card suspended", ["code"] = "card_suspended", ["detail"] = "このカードは利用停止中です",
            });
        }

        _accepted.TryAdd(touchId, cardId);
        var visits = _visitsByCard.AddOrUpdate(cardId, 1, (_, n) => n + 1);
        return (200, new JsonObject
        {
            ["touchId"] = touchId,
            ["outcome"] = "visit",
            ["pointsAwarded"] = 10,
            ["pointsBalance"] = 10 * visits,
            ["message"] = $"図書館 来館ポイント +10pt（残高 {10 * visits}pt）",
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
