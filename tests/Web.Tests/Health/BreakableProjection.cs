using LoCoPi.Runtime;

namespace LoCoPi.Web.Tests.Health;

/// <summary>
/// A journal consumer registered beside the real projections, which fails every batch while
/// <see cref="Broken"/> (as a projection whose grain call keeps throwing would) and records the
/// sequence numbers it was handed otherwise.
/// </summary>
public sealed class BreakableProjection : IJournalObserver
{
    public const string SubscriberName = "test-breakable";

    private readonly Dictionary<string, List<long>> _delivered = new(StringComparer.Ordinal);
    private volatile bool _broken;

    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    public IReadOnlyList<long> Delivered(string tenant)
    {
        lock (_delivered)
        {
            return _delivered.TryGetValue(tenant, out var seqs) ? [.. seqs] : [];
        }
    }

    public Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        if (_broken)
        {
            throw new InvalidOperationException("projection failure injected by the test");
        }

        lock (_delivered)
        {
            foreach (var committed in batch)
            {
                if (!_delivered.TryGetValue(committed.Tenant, out var seqs))
                {
                    _delivered[committed.Tenant] = seqs = [];
                }

                seqs.Add(committed.Seq);
            }
        }

        return Task.CompletedTask;
    }
}
