using Spectre.Console;

namespace LoCoPi.ReaderClient.Feedback;

/// <summary>Shows outcomes on the terminal with Spectre.Console and plays their sound.</summary>
internal sealed class ConsoleFeedback(IAnsiConsole console, ISound sound, TimeProvider time) : IFeedback
{
    private readonly Lock _gate = new();

    public async Task ShowAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        var (colour, mark) = outcome.Kind switch
        {
            OutcomeKind.Success => ("green", "✔"),
            OutcomeKind.Warning => ("yellow", "!"),
            _ => ("red", "✖"),
        };
        lock (_gate)
        {
            console.MarkupLine($"[grey]{time.GetLocalNow():HH:mm:ss}[/] [{colour}]{mark} {Markup.Escape(outcome.Message)}[/]");
        }

        try
        {
            await sound.PlayAsync(outcome.Kind, cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // A missing sound device must never stop the terminal.
        }
    }

    public void Status(string message)
    {
        lock (_gate)
        {
            console.MarkupLine($"[grey]{time.GetLocalNow():HH:mm:ss}[/] [blue]{Markup.Escape(message)}[/]");
        }
    }

    public Task<long> AskAmountAsync(string question, CancellationToken cancellationToken) =>
        new TextPrompt<long>(question)
            .Validate(amount => amount > 0 ? ValidationResult.Success() : ValidationResult.Error("1円以上を入力してください"))
            .ShowAsync(console, cancellationToken);
}
