using System.Security.Cryptography;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Accounts;

namespace LoCoPi.Silo.Demo;

/// <summary>
/// Logins for the demo's pages, so a newcomer can open /family, /me and /staff as well as the
/// dashboard: a family watching the first two residents, the first resident's own account, and a
/// town-office account. One password for the three, from <c>Demo:Password</c> or new at every start
/// (printed in the banner): a demo started on a reachable address must not open with a known password.
/// </summary>
internal sealed class DemoAccounts(IGrainFactory grainFactory, AccountPasswords passwords, IConfiguration configuration, TimeProvider time)
{
    public const string FamilyAccount = "kazoku";
    public const string ResidentAccount = "jumin";
    public const string StaffAccount = "madoguchi";

    public static readonly string[] WatchedResidents = [DemoSeeder.ResidentId(1), DemoSeeder.ResidentId(2)];

    /// <summary>
    /// Names for the two watched residents, whom the family page and the resident's page greet by
    /// name; the other demo residents have none (dashboards show IDs only).
    /// </summary>
    public static string? DisplayNameOf(int residentNumber) => residentNumber switch
    {
        1 => "朝日 はな",
        2 => "朝日 たろう",
        _ => null,
    };

    /// <summary>Defines (or redefines) the three accounts and the family's watch links; returns the password.</summary>
    public async Task<string> SeedAsync()
    {
        const string tenant = DemoTown.TenantId;
        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : NewPassword();
        var hash = passwords.Hash(password);
        await DefineAsync(FamilyAccount, new AccountDefinition(AccountRoles.Family, "朝日 家族", hash));
        await DefineAsync(ResidentAccount, new AccountDefinition(AccountRoles.Resident, "朝日 住民", hash, WatchedResidents[0]));
        await DefineAsync(StaffAccount, new AccountDefinition(AccountRoles.Staff, "役場 窓口", hash));
        foreach (var residentId in WatchedResidents)
        {
            await grainFactory.GetGrain<IWatchLinksGrain>(tenant, residentId)
                .LinkAsync(new WatchLink(FamilyAccount, "本人（デモ）", time.GetUtcNow()));
            await grainFactory.GetGrain<IWatchInboxGrain>(tenant, FamilyAccount).SetWatchedAsync(residentId, watched: true);
        }

        return password;
    }

    private async Task DefineAsync(string accountId, AccountDefinition definition)
    {
        var reply = await grainFactory.GetGrain<IAccountGrain>(DemoTown.TenantId, accountId).DefineAsync(definition);
        if (reply.ErrorCode is { } code)
        {
            throw new InvalidOperationException($"Demo seeding of account {accountId} was refused: {code}.");
        }
    }

    // Letters and digits that cannot be mistaken for each other when read off a terminal.
    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);
}
