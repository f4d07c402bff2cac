namespace LoCoPi.Runtime.Storage.GroupCommit;

/// <summary>A caller's write waiting in the group-commit queue, answered once its batch is durable.</summary>
internal sealed class PendingWrite(GrainStateWrite write, CancellationToken cancellationToken)
{
    // RunContinuationsAsynchronously: callers' continuations must not run on the writer loop,
    // or one slow caller would stall every later batch.
    private readonly TaskCompletionSource<GrainWriteResult> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainStateWrite Write { get; } = write;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<GrainWriteResult> Task => _completion.Task;

    public void Succeed(GrainWriteResult result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}

/// <summary>
/// What one write of a batch came to: the new version and its committed events, a claim that
/// already existed (<see cref="Conflict"/>), or stale (neither).
/// </summary>
internal readonly record struct WriteOutcome(GrainWriteResult? Result, IdempotencyClaim? Conflict = null)
{
    public static WriteOutcome Stale => default;

    public bool IsStale => Result is null && Conflict is null;

    public static WriteOutcome Conflicted(IdempotencyClaim existing) => new(null, existing);
}
