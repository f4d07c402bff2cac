namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>
/// The per-tenant journal heads, owned by the single writer loop. Sequence numbers handed out
/// during a batch are tentative until <see cref="Commit"/>; <see cref="Rollback"/> returns them,
/// so a failed transaction leaves no gap.
/// </summary>
internal sealed class JournalSequencer
{
    private readonly Dictionary<string, long> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tentative = new(StringComparer.Ordinal);

    public void Load(IReadOnlyDictionary<string, long> heads)
    {
        _committed.Clear();
        _tentative.Clear();
        foreach (var (tenant, head) in heads)
        {
            _committed[tenant] = head;
        }
    }

    /// <summary>The head as the current batch sees it (committed plus tentative).</summary>
    public long Head(string tenant)
        => _tentative.TryGetValue(tenant, out var head) || _committed.TryGetValue(tenant, out head) ? head : 0;

    public long Next(string tenant)
    {
        var next = Head(tenant) + 1;
        _tentative[tenant] = next;
        return next;
    }

    public void Commit()
    {
        foreach (var (tenant, head) in _tentative)
        {
            _committed[tenant] = head;
        }

        _tentative.Clear();
    }

    public void Rollback() => _tentative.Clear();
}
