namespace LoCoPi.Runtime;

internal enum ActivationState
{
    Activating,
    Active,
    Deactivating,
    Deactivated,
}

internal enum AcceptResult
{
    Queued,
    RunInline,
    Rejected,
    Overloaded,
}
