using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime.Streams;

/// <summary>
/// Log messages of the journal streams (source-generated: no boxing when a level is off). They name
/// the subscriber, the tenant and sequence numbers, never what the events say.
/// </summary>
internal static partial class StreamLog
{
    [LoggerMessage(Level = LogLevel.Error,
        Message = "Journal delivery to {Subscriber} for tenant {Tenant} failed after event {Cursor}; restarting it (attempt {Attempt})")]
    public static partial void DeliveryRestarting(ILogger logger, Exception error, string subscriber, string tenant, long cursor, int attempt);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Journal delivery to {Subscriber} for tenant {Tenant} recovered after {Failures} failed attempts over {Seconds:0.0} s")]
    public static partial void DeliveryRecovered(ILogger logger, string subscriber, string tenant, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the cursor of {Subscriber} for tenant {Tenant} failed; retrying (attempt {Attempt})")]
    public static partial void CursorReadFailed(ILogger logger, Exception error, string subscriber, string tenant, int attempt);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Subscriber {Subscriber} failed on events {First}..{Last} of tenant {Tenant}; retrying (attempt {Attempt})")]
    public static partial void ObserverFailed(
        ILogger logger, Exception error, string subscriber, long first, long last, string tenant, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Subscriber {Subscriber} could not finish events up to {Cursor} of tenant {Tenant} at stop; a restart repeats them")]
    public static partial void FlushFailed(ILogger logger, Exception error, string subscriber, long cursor, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the cursor {Cursor} of {Subscriber} for tenant {Tenant} failed")]
    public static partial void CursorWriteFailed(ILogger logger, Exception error, long cursor, string subscriber, string tenant);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Reading the journal of tenant {Tenant} after {Cursor} for {Subscriber} failed; retrying (attempt {Attempt})")]
    public static partial void JournalReadFailed(ILogger logger, Exception error, string subscriber, string tenant, long cursor, int attempt);
}
