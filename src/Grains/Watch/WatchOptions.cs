using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LoCoPi.Grains.Watch;

/// <summary>
/// Watch-over settings in configuration: <c>Watch:InactivityPeriod</c> (a TimeSpan, default 2 days)
/// and <c>Watch:InboxWriteInterval</c> (default 1 s).
/// </summary>
public sealed record WatchOptions(TimeSpan InactivityPeriod)
{
    public const string InactivityPeriodKey = "Watch:InactivityPeriod";

    public const string InboxWriteIntervalKey = "Watch:InboxWriteInterval";

    public static readonly TimeSpan DefaultInactivityPeriod = TimeSpan.FromDays(2);

    public static readonly TimeSpan DefaultInboxWriteInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a family's queued alerts are written to its inbox (see <c>WatchInboxWriter</c>): a
    /// family's pushes never wait for it, its inbox lists them meanwhile, and a crash repeats them.
    /// </summary>
    public TimeSpan InboxWriteInterval { get; init; } = DefaultInboxWriteInterval;

    /// <summary>
    /// How often a watched resident is checked: a 24th of the period, between one minute (the
    /// runtime's shortest reminder) and one hour, so the alert comes at most an hour late.
    /// </summary>
    public TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Clamp(
        InactivityPeriod.Ticks / 24, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));

    public static WatchOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new WatchOptions(Read(configuration, InactivityPeriodKey) ?? DefaultInactivityPeriod)
        {
            InboxWriteInterval = Read(configuration, InboxWriteIntervalKey) ?? DefaultInboxWriteInterval,
        };
    }

    private static TimeSpan? Read(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        return string.IsNullOrWhiteSpace(text) ? null : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}
