namespace LoCoPi.ReaderClient.Feedback;

/// <summary>How a touch ended, as the person at the reader should hear it.</summary>
internal enum OutcomeKind
{
    Success,
    Warning,
    Error,
}

/// <summary>A message to show and sound to play after a touch.</summary>
internal sealed record Outcome(OutcomeKind Kind, string Message);
