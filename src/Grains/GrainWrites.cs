using LoCoPi.Runtime;

namespace LoCoPi.Grains;

/// <summary>Shared handling of a failed durable write.</summary>
internal static class GrainWrites
{
    /// <summary>
    /// Writes; when the write fails, the in-memory state already holds changes that were never
    /// stored, so reload it (and drop the activation if even that fails) before the error reaches
    /// the caller — otherwise the next call would act on state that does not exist on disk. A claim
    /// conflict is passed through as it is: the runtime already reloaded the state, and the
    /// activation is consistent, so dropping it would only cost the next call a read.
    /// </summary>
    public static async Task CommitOrReloadAsync(Func<Task> writeAsync, Func<Task> reloadAsync, Action deactivate)
    {
        try
        {
            await writeAsync().ConfigureAwait(true);
        }
        catch (Exception error) when (error is not IdempotencyClaimConflictException)
        {
            deactivate();
            try
            {
                await reloadAsync().ConfigureAwait(true);
            }
#pragma warning disable CA1031 // The write's own exception is the one the caller must see.
            catch
            {
            }
#pragma warning restore CA1031
            throw;
        }
    }
}
