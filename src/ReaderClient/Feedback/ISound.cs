namespace LoCoPi.ReaderClient.Feedback;

/// <summary>Plays the sound of an outcome class; must never throw, a terminal without a speaker still works.</summary>
internal interface ISound
{
    Task PlayAsync(OutcomeKind kind, CancellationToken cancellationToken);
}
