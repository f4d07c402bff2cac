namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>The pcsc-lite constants the client uses (values from /usr/include/PCSC/pcsclite.h).</summary>
internal static class PcscConstants
{
    public const uint ScopeSystem = 0x0002;
    public const uint ShareShared = 0x0002;
    public const uint ProtocolT0 = 0x0001;
    public const uint ProtocolT1 = 0x0002;
    public const uint LeaveCard = 0x0000;
    public const uint Infinite = 0xFFFFFFFF;

    public const uint StateUnaware = 0x0000;
    public const uint StateChanged = 0x0002;
    public const uint StateUnknown = 0x0004;
    public const uint StateUnavailable = 0x0008;
    public const uint StateEmpty = 0x0010;
    public const uint StatePresent = 0x0020;
    public const uint StateMute = 0x0200;

    /// <summary>The pseudo-reader whose state changes when a reader is plugged in or out.</summary>
    public const string PnpNotification = @"\\?PnP?\Notification";
}

/// <summary>pcsc-lite return codes the client reacts to.</summary>
internal enum PcscError : uint
{
    Success = 0,
    Cancelled = 0x80100002,
    InvalidHandle = 0x80100003,
    UnknownReader = 0x80100009,
    Timeout = 0x8010000A,
    SharingViolation = 0x8010000B,
    NoSmartcard = 0x8010000C,
    ProtoMismatch = 0x8010000F,
    NotReady = 0x80100010,
    CommError = 0x80100013,
    NotTransacted = 0x80100016,
    ReaderUnavailable = 0x80100017,
    NoService = 0x8010001D,
    ServiceStopped = 0x8010001E,
    NoReadersAvailable = 0x8010002E,
    UnresponsiveCard = 0x80100066,
    UnpoweredCard = 0x80100067,
    ResetCard = 0x80100068,
    RemovedCard = 0x80100069,
}
