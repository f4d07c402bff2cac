using FsCheck;
using FsCheck.Fluent;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>One step of a generated sequence. Ids are assigned when the step runs; <see cref="Replay"/> reuses one.</summary>
internal abstract record WalletOp;

internal sealed record ChargeOp(int Resident, int Card, long AmountYen) : WalletOp;

internal sealed record PayOp(int Resident, int Card, int Shop, long AmountYen) : WalletOp;

internal sealed record GrantOp(int[] Residents, long AmountYen, int ExpiresInDays) : WalletOp
{
    public override string ToString() => $"GrantOp {{ Residents = [{string.Join(',', Residents)}], AmountYen = {AmountYen}, ExpiresInDays = {ExpiresInDays} }}";
}

internal sealed record RefundOp(int Resident, long AmountYen, string Reason) : WalletOp;

internal sealed record SuspendOp(int Resident, int Card) : WalletOp;

/// <summary>Moves the fake clock forward by whole days.</summary>
internal sealed record AdvanceOp(int Days) : WalletOp;

internal sealed record SweepOp : WalletOp;

/// <summary>Sends an earlier request again: the same body (a retry) or with the amount changed (a reuse of the id).</summary>
internal sealed record ReplayOp(int HistoryIndex, bool ChangeBody) : WalletOp;

/// <summary>FsCheck generators of wallet sequences over <paramref name="residents"/> residents and <paramref name="shops"/> shops.</summary>
internal static class WalletOpGenerators
{
    public static Gen<WalletOp[]> Sequence(int residents, int shops, int steps)
    {
        var resident = Gen.Choose(0, residents - 1);
        var card = Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Constant(1)));
        var charge = from r in resident
                     from c in card
                     from a in Gen.Elements(1_000L, 2_000L, 3_000L, 5_000L, 10_000L, 20_000L, 30_000L, 1_500L)
                     select (WalletOp)new ChargeOp(r, c, a);
        var pay = from r in resident
                  from c in card
                  from s in Gen.Choose(0, shops - 1)
                  from a in Gen.OneOf(Gen.Choose(1, 8_000).Select(i => (long)i), Gen.Elements(100L, 1_000L, 20_000L, 60_000L))
                  select (WalletOp)new PayOp(r, c, s, a);
        var grant = from who in Gen.SubListOf(Enumerable.Range(0, residents).ToArray()).Where(l => l.Count > 0)
                    from a in Gen.Elements(1_000L, 5_000L, 20_000L, 50_000L)
                    from d in Gen.Choose(0, 6)
                    select (WalletOp)new GrantOp([.. who], a, d);
        var refund = from r in resident
                     from a in Gen.Elements(1_000L, 3_000L, 10_000L, 60_000L)
                     from why in Gen.Frequency(
                         (3, Gen.Elements("business_discontinued", "moved_away", "death")), (1, Gen.Constant("changed_mind")))
                     select (WalletOp)new RefundOp(r, a, why);
        var suspend = from r in resident select (WalletOp)new SuspendOp(r, 1);
        var advance = Gen.Choose(1, 3).Select(d => (WalletOp)new AdvanceOp(d));
        var replay = from i in Gen.Choose(0, 10_000)
                     from change in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                     select (WalletOp)new ReplayOp(i, change);
        var op = Gen.Frequency(
            (6, charge), (7, pay), (2, grant), (2, refund), (1, suspend), (2, advance), (1, Gen.Constant((WalletOp)new SweepOp())),
            (5, replay));
        return Gen.ArrayOf(op, steps);
    }

    /// <summary>The sequence for a seed: the same seed always gives the same steps.</summary>
    public static WalletOp[] ForSeed(ulong seed, int residents, int shops, int steps)
        => Sequence(residents, shops, steps).Sample(50, new Rnd(seed), 1)[0];
}
