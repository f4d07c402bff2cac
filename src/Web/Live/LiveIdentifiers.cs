using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace LoCoPi.Web.Live;

/// <summary>The API's identifier rule (1–64 of <c>A-Z a-z 0-9 - _ .</c>) for hub arguments.</summary>
internal static partial class LiveIdentifiers
{
    public static void EnsureValid(string? value, string name)
    {
        if (value is null || !Pattern().IsMatch(value))
        {
            // HubException text reaches the client; other exceptions are hidden from it.
            throw new HubException($"{name} は 1〜64 文字の英数字と - _ . で指定してください。");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
