using System.Collections.Concurrent;

namespace LoCoPi.Grains.Interfaces.Wallet;

/// <summary>
/// How far the "wallet-ledger" journal subscriber has applied each tenant's journal in this
/// process, so a report can wait until it includes every operation answered before it was asked for.
/// </summary>
public sealed class LedgerProgress
{
    /// <summary>The durable subscriber name (its cursor is stored per tenant).</summary>
    public const string SubscriberName = "wallet-ledger";

    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);

    public long AppliedThrough(string tenant) => _applied.GetValueOrDefault(tenant);

    public void Advance(string tenant, long seq) => _applied.AddOrUpdate(tenant, seq, (_, current) => Math.Max(current, seq));
}
