using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoCoPi.ReaderClient.Server;

/// <summary>The body of <c>POST /api/v1/touches</c> and of each item of a batch.</summary>
internal sealed record TouchRequest(string TouchId, string CardId, DateTimeOffset At);

internal sealed record TouchBatchRequest(IReadOnlyList<TouchRequest> Touches);

/// <summary>A touch the server accepted.</summary>
internal sealed record TouchResponse(string TouchId, string Outcome, long PointsAwarded, long PointsBalance, string? Message);

internal sealed record TouchBatchResponse(IReadOnlyList<JsonElement> Results);

internal sealed record PaymentRequest(string PaymentId, string CardId, long AmountYen);

internal sealed record PaymentResponse(string PaymentId, long BalanceYen, long PointsAwarded);

internal sealed record ChargeRequest(string ChargeId, string CardId, long AmountYen);

internal sealed record ChargeResponse(string ChargeId, long BalanceYen);

/// <summary>An RFC 9457 problem with the platform's machine <c>code</c>.</summary>
internal sealed record Problem(int Status, string? Title, string? Detail, string? Code);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TouchRequest))]
[JsonSerializable(typeof(TouchBatchRequest))]
[JsonSerializable(typeof(TouchResponse))]
[JsonSerializable(typeof(TouchBatchResponse))]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(ChargeRequest))]
[JsonSerializable(typeof(ChargeResponse))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class ApiJson : JsonSerializerContext;
