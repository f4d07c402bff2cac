using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.SignalR;

namespace LoCoPi.Web.Live;

/// <summary>The API's identifier rules (<see cref="Identifiers"/>) applied to hub arguments.</summary>
internal static class LiveIdentifiers
{
    public static void EnsureTenant(string? value)
    {
        if (!Identifiers.IsValidTenant(value))
        {
            throw Invalid("tenantId");
        }
    }

    public static void EnsurePlace(string? value)
    {
        if (!Identifiers.IsValid(value))
        {
            throw Invalid("placeId");
        }
    }

    // HubException text reaches the client; other exceptions are hidden from it.
    private static HubException Invalid(string name)
        => new($"{name} は 1〜64 文字の英数字と - _ . で指定してください ({name} must be 1–64 of A-Z a-z 0-9 - _ .).");
}
