using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime;

/// <summary>
/// Delivers durable reminders. Every reminder is loaded at start; one TimeProvider timer is armed
/// for the earliest due time; a due reminder is delivered as a call through the grain's mailbox
/// (activating it), and only then is its next due time stored, so a crash mid-delivery re-delivers
/// rather than loses the tick.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime)
{
    private static readonly GrainMethod ReceiveReminder = new(nameof(IRemindable), nameof(IRemindable.ReceiveReminderAsync));
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId Grain, string Name), Reminder> _reminders = [];
    private ITimer? _timer;
    private bool _stopped;

    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _reminders.Count;
            }
        }
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await runtime.Storage.ReadRemindersAsync(cancellationToken);
        lock (_lock)
        {
            foreach (var entry in stored)
            {
                _reminders[(entry.GrainId, entry.Name)] = new Reminder(entry);
            }

            _timer = runtime.TimeProvider.CreateTimer(
                static s => ((ReminderService)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Arm();
        }
    }

    internal Task StopAsync()
    {
        lock (_lock)
        {
            _stopped = true;
            _timer?.Dispose();
        }

        return Task.CompletedTask;
    }

    internal async Task RegisterAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period < runtime.Options.MinReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period), period, $"A reminder period must be at least {runtime.Options.MinReminderPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var entry = new ReminderEntry(grainId, name, runtime.TimeProvider.GetUtcNow() + dueTime, period);
        await runtime.Storage.UpsertReminderAsync(entry, CancellationToken.None);
        lock (_lock)
        {
            _reminders[(grainId, name)] = new Reminder(entry);
            Arm();
        }
    }

    internal async Task UnregisterAsync(GrainId grainId, string name)
    {
        await runtime.Storage.DeleteReminderAsync(grainId, name, CancellationToken.None);
        lock (_lock)
        {
            _reminders.Remove((grainId, name));
            Arm();
        }
    }

    private void OnDue()
    {
        var due = new List<Reminder>();
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var now = runtime.TimeProvider.GetUtcNow();
            foreach (var reminder in _reminders.Values)
            {
                if (!reminder.Delivering && reminder.Entry.NextDueAt <= now)
                {
                    reminder.Delivering = true;
                    due.Add(reminder);
                }
            }

            Arm();
        }

        foreach (var reminder in due)
        {
            _ = DeliverAsync(reminder);
        }
    }

    private async Task DeliverAsync(Reminder reminder)
    {
        var entry = reminder.Entry;
        var now = runtime.TimeProvider.GetUtcNow();
        try
        {
            var tick = new ReminderTick(entry.NextDueAt, now, entry.Period);
            await runtime.InvokeAsync<IRemindable, (string Name, ReminderTick Tick)>(
                entry.GrainId, ReceiveReminder, (entry.Name, tick), static (grain, a) => grain.ReceiveReminderAsync(a.Name, a.Tick));
        }
        catch (Exception error)
        {
            runtime.Logger.LogWarning(error, "Reminder {Name} of {GrainId} failed", entry.Name, entry.GrainId);
            if (Volatile.Read(ref _stopped))
            {
                // Refused because this node is stopping: the tick is left due, for the next start to deliver.
                return;
            }
        }

        // Missed periods are skipped, not replayed: a reminder is a wake-up, not a queue.
        var next = entry.NextDueAt + entry.Period;
        var later = runtime.TimeProvider.GetUtcNow();
        if (next <= later)
        {
            next += entry.Period * Math.Ceiling((later - next) / entry.Period + 1e-9);
        }

        var updated = entry with { NextDueAt = next };
        lock (_lock)
        {
            // Re-registered or removed while it was delivered: the newer entry wins.
            if (!_reminders.TryGetValue((entry.GrainId, entry.Name), out var current) || !ReferenceEquals(current, reminder))
            {
                return;
            }
        }

        try
        {
            await runtime.Storage.UpsertReminderAsync(updated, CancellationToken.None);
        }
        catch (Exception error)
        {
            runtime.Logger.LogWarning(error, "Storing reminder {Name} of {GrainId} failed", entry.Name, entry.GrainId);
        }

        lock (_lock)
        {
            if (_reminders.TryGetValue((entry.GrainId, entry.Name), out var current) && ReferenceEquals(current, reminder))
            {
                reminder.Entry = updated;
                reminder.Delivering = false;
                Arm();
            }
        }
    }

    /// <summary>
    /// The timer wakes at least this often and looks again. A system timer cannot wait beyond about
    /// 49.7 days (a reminder due later made it throw, from its own callback, which ended the process),
    /// and waking hourly also notices a clock that was set forward.
    /// </summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Points the timer at the earliest reminder not being delivered (call under the lock).</summary>
    private void Arm()
    {
        if (_timer is null || _stopped)
        {
            return;
        }

        DateTimeOffset? earliest = null;
        foreach (var reminder in _reminders.Values)
        {
            if (!reminder.Delivering && (earliest is null || reminder.Entry.NextDueAt < earliest))
            {
                earliest = reminder.Entry.NextDueAt;
            }
        }

        var dueIn = earliest is { } at ? (at - runtime.TimeProvider.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        _timer.Change(dueIn == Timeout.InfiniteTimeSpan || dueIn > LongestWait ? LongestWait : dueIn, Timeout.InfiniteTimeSpan);
    }

    private sealed class Reminder(ReminderEntry entry)
    {
        internal ReminderEntry Entry { get; set; } = entry;

        internal bool Delivering { get; set; }
    }
}
