using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// Every log line the Silo writes, at the levels its configuration lets through (a provider like
/// the console's), so a test can say what must never be logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The lines that contain <paramref name="text"/> (with their exceptions).</summary>
    public IReadOnlyList<string> Containing(string text) => [.. _lines.Where(l => l.Contains(text, StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
