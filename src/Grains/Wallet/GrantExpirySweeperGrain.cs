using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>Stored state of <see cref="GrantExpirySweeperGrain"/>.</summary>
public sealed class GrantExpirySweeperState
{
    public bool Scheduled { get; set; }
}

/// <summary>
/// Sweeps the tenant's due grants every hour from a durable reminder, so a grant expires in the
/// ledger on its date even in wallets nobody touches (inside a wallet, an expired grant is already
/// unspendable). Each grant moves what is left of it once, so a sweep repeated after a crash or by
/// an admin moves nothing twice.
/// </summary>
public sealed class GrantExpirySweeperGrain : Grain<GrantExpirySweeperState>, IGrantExpirySweeperGrain, IRemindable
{
    public const string SweepReminder = "expiry-sweep";

    /// <summary>How often the sweep runs: an expiry date ends at local midnight, so at most an hour late.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    public async Task EnsureScheduledAsync()
    {
        if (State.Scheduled)
        {
            return;
        }

        await RegisterOrUpdateReminderAsync(SweepReminder, SweepInterval, SweepInterval);
        State.Scheduled = true;
        await WriteStateAsync();
    }

    public async Task<GrantSweep> SweepAsync()
    {
        var zone = (await GrainFactory.GetGrain<ITenantGrain>(Tenant, Tenant).GetAsync())?.TimeZone ?? TenantDefinition.DefaultTimeZone;
        var today = WalletBook.LocalDate(TimeProvider.GetUtcNow(), zone);
        var due = await GrainFactory.GetGrain<IGrantBookGrain>(Tenant, Tenant).DueAsync(today);
        long moved = 0;
        foreach (var grantId in due)
        {
            moved = checked(moved + await GrainFactory.GetGrain<IGrantGrain>(Tenant, grantId).ExpireAsync());
        }

        return new GrantSweep(today, due, moved);
    }

    public async Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        if (reminderName == SweepReminder)
        {
            await SweepAsync();
        }
    }
}
