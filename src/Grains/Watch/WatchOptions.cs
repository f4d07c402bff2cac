using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LoCoPi.Grains.Watch;

/// <summary>Watch-over settings; <c>Watch:InactivityPeriod</c> (a TimeSpan, default 2 days) in configuration.</summary>
public sealed record WatchOptions(TimeSpan InactivityPeriod)
{
    public const string InactivityPeriodKey = "Watch:InactivityPeriod";

    public static readonly TimeSpan DefaultInactivityPeriod = TimeSpan.FromDays(2);

    /// <summary>
    /// How often a watched resident is checked: a 24th of the period, between one minute (the
    /// runtime's shortest reminder) and one hour, so the alert comes at most an hour late.
    /// </summary>
    public TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Clamp(
        InactivityPeriod.Ticks / 24, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));

    public static WatchOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[InactivityPeriodKey];
        return new WatchOptions(string.IsNullOrWhiteSpace(text)
            ? DefaultInactivityPeriod
            : TimeSpan.Parse(text, CultureInfo.InvariantCulture));
    }
}
