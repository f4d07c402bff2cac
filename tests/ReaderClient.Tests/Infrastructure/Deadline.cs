namespace LoCoPi.ReaderClient.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline instead of sleeping a guessed time.</summary>
public static class Deadline
{
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}");
            }

            await poll.WaitForNextTickAsync();
        }
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}
