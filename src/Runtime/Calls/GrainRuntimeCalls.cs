namespace LoCoPi.Runtime;

/// <summary>The call path: from a proxy to an activation's mailbox, or straight into an idle activation.</summary>
public sealed partial class GrainRuntime
{
    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TGrain, TArg, TResult>(
        GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task<TResult>> body)
        where TGrain : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(body);
        var now = TimeProvider.GetTimestamp();
        var turn = new CallTurn<TGrain, TArg, TResult>(
            grainId, method, argument, body, SynchronizationContext.Current as Turn, Deadline(now, method))
        {
            EnqueuedAt = now,
        };
        if (Dispatch(turn, allowInline: true, out var inline) is { } error)
        {
            return Task.FromException<TResult>(error);
        }

        if (inline is not null && inline.RunInline(turn) is { } completed)
        {
            return (Task<TResult>)completed;
        }

        return turn.Promise;
    }

    /// <inheritdoc />
    public Task InvokeAsync<TGrain, TArg>(GrainId grainId, GrainMethod method, TArg argument, Func<TGrain, TArg, Task> body)
        where TGrain : class
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(body);
        var now = TimeProvider.GetTimestamp();
        var turn = new CallTurn<TGrain, TArg>(
            grainId, method, argument, body, SynchronizationContext.Current as Turn, Deadline(now, method))
        {
            EnqueuedAt = now,
        };
        if (Dispatch(turn, allowInline: true, out var inline) is { } error)
        {
            return Task.FromException(error);
        }

        if (inline is not null && inline.RunInline(turn) is { } completed)
        {
            return completed;
        }

        return turn.Promise;
    }

    /// <summary>Sends a call that waited on a deactivated activation to the grain's next activation.</summary>
    internal void Redispatch(Turn turn)
    {
        if (Dispatch(turn, allowInline: false, out _) is { } error)
        {
            turn.TryFail(error);
        }
    }

    internal TimeSpan TimeoutOf(GrainMethod method) => method.Timeout ?? Options.DefaultCallTimeout;

    private long Deadline(long now, GrainMethod method)
        => now + (method.Timeout is { } timeout ? ToTicks(timeout) : _defaultTimeoutTicks);

    private Exception? Dispatch(Turn turn, bool allowInline, out Activation? inline)
    {
        inline = null;
        // Stopping: grains may still call each other to finish their work, outsiders are refused.
        if (_state != RuntimeState.Running && turn.Parent is null && turn.Method is not null)
        {
            return new GrainRuntimeException($"The runtime is not running; {turn} was not delivered.");
        }

        while (true)
        {
            if (!_catalog.TryGetValue(turn.GrainId, out var activation))
            {
                if (_state != RuntimeState.Running)
                {
                    return new GrainRuntimeException($"The runtime is not running; {turn} was not delivered.");
                }

                if (_registry.FindGrainType(turn.GrainId.Type) is not { } type)
                {
                    return new GrainRuntimeException($"Grain type '{turn.GrainId.Type}' is not registered.");
                }

                activation = _catalog.GetOrAdd(
                    turn.GrainId, static (id, s) => new Activation(s.Runtime, id, s.Type), (Runtime: this, Type: type));
            }

            if (turn.Parent is not null && FindDeadlock(turn, activation) is { } deadlock)
            {
                return deadlock;
            }

            switch (activation.Accept(turn, allowInline))
            {
                case AcceptResult.Queued:
                    return null;
                case AcceptResult.RunInline:
                    inline = activation;
                    return null;
                case AcceptResult.Overloaded:
                    Statistics.RecordOverload();
                    return new GrainOverloadedException($"{turn.GrainId} is overloaded; {turn.Description} was refused.");
                default:
                    // Deactivated between lookup and delivery: the next activation takes the call.
                    _catalog.TryRemove(KeyValuePair.Create(turn.GrainId, activation));
                    break;
            }
        }
    }

    /// <summary>
    /// A call into an activation that is itself waiting, further up this chain, for the call to
    /// return can never run: raise it now instead of letting every hop wait for its timeout.
    /// </summary>
    private static GrainDeadlockException? FindDeadlock(Turn turn, Activation target)
    {
        for (var ancestor = turn.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ReferenceEquals(ancestor.Activation, target) && !ancestor.IsFinished
                && !(ancestor.IsReadOnly && turn.IsReadOnly))
            {
                var chain = new List<string> { turn.ToString() };
                for (var hop = turn.Parent; hop is not null; hop = hop.Parent)
                {
                    chain.Add(hop.ToString());
                    if (ReferenceEquals(hop, ancestor))
                    {
                        break;
                    }
                }

                chain.Reverse();
                return new GrainDeadlockException(chain);
            }
        }

        return null;
    }
}
