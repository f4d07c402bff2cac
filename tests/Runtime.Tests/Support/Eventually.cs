namespace LoCoPi.Runtime.Tests.Support;

/// <summary>Waits on a condition with a deadline (no fixed sleeps: the wait ends as soon as it holds).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition never held: {what}");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>The task's outcome, or a failure naming what was awaited if it takes too long.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? within = null)
    {
        try
        {
            return await task.WaitAsync(within ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Never completed: {what}");
        }
    }
}
