namespace LoCoPi.ReaderClient.Feedback;

/// <summary>
/// Terminal bell patterns, distinct per class so staff can tell them apart without looking:
/// one ring for success, two for a warning, three quick ones for an error.
/// </summary>
internal sealed class BellSound(TextWriter output, TimeProvider time) : ISound
{
    public async Task PlayAsync(OutcomeKind kind, CancellationToken cancellationToken)
    {
        var (rings, gap) = kind switch
        {
            OutcomeKind.Success => (1, TimeSpan.Zero),
            OutcomeKind.Warning => (2, TimeSpan.FromMilliseconds(300)),
            _ => (3, TimeSpan.FromMilliseconds(120)),
        };

        for (var i = 0; i < rings; i++)
        {
            if (i > 0)
            {
                await Task.Delay(gap, time, cancellationToken);
            }

            try
            {
                await output.WriteAsync('\a');
                await output.FlushAsync(cancellationToken);
            }
            catch (IOException)
            {
                return; // no terminal attached
            }
        }
    }
}
