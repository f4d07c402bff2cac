using LoCoPi.Runtime;

namespace LoCoPi.Grains.Interfaces.Readers;

/// <summary>
/// A reader terminal (key = reader id). It keeps only the SHA-256 hash of its current token, so a
/// stolen database does not yield working tokens; registering again replaces the hash, which
/// invalidates the old token at once.
/// </summary>
public interface IReaderGrain : IGrain
{
    /// <summary>Registers or re-registers the reader at a place; fails with unknown_place.</summary>
    Task<UpsertReply> RegisterAsync(ReaderRegistration registration);

    /// <summary>The reader's binding when <paramref name="tokenHash"/> is its current token's hash, else null.</summary>
    Task<ReaderIdentity?> AuthenticateAsync(string tokenHash);
}

/// <summary>What the admin registers. <see cref="Mode"/> is one of <see cref="ReaderModes.All"/>.</summary>
public sealed record ReaderRegistration(string PlaceId, string Mode, string TokenHash);

/// <summary>What a valid reader token is bound to.</summary>
public sealed record ReaderIdentity(string TenantId, string ReaderId, string PlaceId, string Mode);

/// <summary>The reader modes API.md allows.</summary>
public static class ReaderModes
{
    public const string Visit = "visit";
    public const string Board = "board";
    public const string Alight = "alight";
    public const string Pay = "pay";
    public const string Charge = "charge";
    public const string CheckIn = "check_in";
    public const string CheckOut = "check_out";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Visit, Board, Alight, Pay, Charge, CheckIn, CheckOut,
    };

    /// <summary>Modes that post to <c>/api/v1/touches</c>; pay and charge readers have their own endpoints.</summary>
    public static readonly IReadOnlySet<string> Touch = new HashSet<string>(StringComparer.Ordinal)
    {
        Visit, Board, Alight, CheckIn, CheckOut,
    };
}

/// <summary>Journal event: a reader was (re-)registered. Never carries the token or its hash.</summary>
public sealed record ReaderRegistered(string ReaderId, string PlaceId, string Mode) : IJournalEvent
{
    public static string EventType => "reader.registered";
}

/// <summary>Hand-written proxy: one static <see cref="GrainMethod"/> per method, static lambdas.</summary>
public sealed class ReaderGrainReference(IGrainCallInvoker invoker, GrainId grainId)
    : GrainReference(invoker, grainId), IReaderGrain
{
    private static readonly GrainMethod Register = new(nameof(IReaderGrain), nameof(RegisterAsync));
    private static readonly GrainMethod Authenticate = new(nameof(IReaderGrain), nameof(AuthenticateAsync), readOnly: true);

    public Task<UpsertReply> RegisterAsync(ReaderRegistration registration)
        => InvokeAsync<IReaderGrain, ReaderRegistration, UpsertReply>(Register, registration, static (g, r) => g.RegisterAsync(r));

    public Task<ReaderIdentity?> AuthenticateAsync(string tokenHash)
        => InvokeAsync<IReaderGrain, string, ReaderIdentity?>(Authenticate, tokenHash, static (g, h) => g.AuthenticateAsync(h));
}
