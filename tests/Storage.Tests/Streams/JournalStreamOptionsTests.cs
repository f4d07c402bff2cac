using LoCoPi.Runtime;
using Xunit;

namespace LoCoPi.Storage.Tests.Streams;

public sealed class JournalStreamOptionsTests
{
    [Fact]
    public void Retry_waits_double_from_the_first_and_stop_growing_at_the_cap()
    {
        var options = new JournalStreamOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1) };

        var waits = Enumerable.Range(0, 8).Select(a => options.RetryDelay(a).TotalMilliseconds);

        Assert.Equal(new double[] { 50, 100, 200, 400, 800, 1000, 1000, 1000 }, waits);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryDelay(int.MaxValue));
    }

    [Fact]
    public void A_cap_below_the_first_wait_keeps_the_first_wait()
    {
        var options = new JournalStreamOptions { FirstRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryDelay(5));
    }
}
