namespace LoCoPi.Runtime;

/// <summary>The first turn: creates the grain, loads its state, runs OnActivateAsync.</summary>
internal sealed class ActivationTurn(GrainId grainId) : Turn(parent: null, deadline: long.MaxValue)
{
    internal override GrainId GrainId => grainId;

    internal override string Description => "activate";

    internal override bool IsReadOnly => false;

    internal override bool IsInternal => true;

    internal override bool CountsAsActivity => false;

    internal override Task StartBody(Activation activation) => activation.ActivateAsync();

    protected override void OnCompleted(Task body) => Activation!.OnActivated(body);

    protected override void OnFailed(Exception error) => Activation!.OnActivated(Task.FromException(error));
}

/// <summary>The last turn: stops timers and runs OnDeactivateAsync, so pending writes complete.</summary>
internal sealed class DeactivationTurn(GrainId grainId, DeactivationReason reason) : Turn(parent: null, deadline: long.MaxValue)
{
    internal DeactivationReason Reason => reason;

    internal override GrainId GrainId => grainId;

    internal override string Description => "deactivate";

    internal override bool IsReadOnly => false;

    internal override bool IsInternal => true;

    internal override bool CountsAsActivity => false;

    internal override Task StartBody(Activation activation) => activation.DeactivateAsync(reason);

    protected override void OnCompleted(Task body) => Activation!.OnDeactivated(body);

    protected override void OnFailed(Exception error) => Activation!.OnDeactivated(Task.FromException(error));
}
