using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.Web.Json;

namespace LoCoPi.Web.Wallet;

/// <summary>
/// Source-generated JSON for the wallet, with the same strictness as the rest of the API (missing
/// or null required fields and wrong types fail parsing and become 400 invalid_request).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(ChargeRequest))]
[JsonSerializable(typeof(ChargeResponse))]
[JsonSerializable(typeof(GrantRequest))]
[JsonSerializable(typeof(GrantResponse))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(RefundResponse))]
[JsonSerializable(typeof(LedgerSummaryResponse))]
[JsonSerializable(typeof(ExpirySweepResponse))]
[JsonSerializable(typeof(UnusedBalanceResponse))]
[JsonSerializable(typeof(SpendByCategoryResponse))]
[JsonSerializable(typeof(WalletResponse))]
[JsonSerializable(typeof(SettlementResponse))]
[JsonSerializable(typeof(MerchantAccountResponse))]
public sealed partial class WalletJsonContext : JsonSerializerContext
{
    /// <summary>The instance the edge uses: Japanese written as UTF-8, not \uXXXX escapes.</summary>
    public static WalletJsonContext Web { get; } = new(EdgeJsonOptions.Create());
}
