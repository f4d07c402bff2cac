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

    public async Task<long> AskAmountAsync(string question, CancellationToken cancellationToken)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            return await new TextPrompt<long>(question)
                .Validate(amount => amount > 0 ? ValidationResult.Success() : ValidationResult.Error(AmountHint))
                .ShowAsync(console, cancellationToken);
        }

        // A POS bridge or a test drives the terminal through a pipe, where Spectre cannot prompt: read lines instead.
        while (true)
        {
            Status(question);
            var line = await Console.In.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException("金額の入力が終わりました（標準入力が閉じられました）");
            if (long.TryParse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return amount;
            }

            Status(AmountHint);
        }
    }

    private const string AmountHint = "1円以上の金額を数字で入力してください";
}
