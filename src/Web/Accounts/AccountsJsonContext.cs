using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Web.Daycare;
using LoCoPi.Web.Json;
using LoCoPi.Web.Watch;

namespace LoCoPi.Web.Accounts;

/// <summary>
/// Source-generated JSON for accounts and watch-over, with the same strictness as the rest of the
/// API (missing or null required fields fail parsing and become 400 invalid_request).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AccountRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(WatcherRequest))]
[JsonSerializable(typeof(WatcherResponse))]
[JsonSerializable(typeof(IReadOnlyList<WatchAlert>))]
[JsonSerializable(typeof(IReadOnlyList<WatchedResident>))]
[JsonSerializable(typeof(WatchedResidentDetail))]
[JsonSerializable(typeof(EnrolRequest))]
[JsonSerializable(typeof(DaycarePresence))]
[JsonSerializable(typeof(IReadOnlyList<InactiveResident>))]
public sealed partial class AccountsJsonContext : JsonSerializerContext
{
    /// <summary>The instance the edge uses: Japanese written as UTF-8, not \uXXXX escapes.</summary>
    public static AccountsJsonContext Web { get; } = new(EdgeJsonOptions.Create());
}
