using System.Globalization;

namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>A pcsc-lite call failed; <see cref="Error"/> tells the caller how to recover.</summary>
public sealed class PcscException : Exception
{
    public PcscException()
    {
    }

    public PcscException(string message)
        : base(message)
    {
    }

    public PcscException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PcscException(string function, PcscError error)
        : base(string.Create(CultureInfo.InvariantCulture, $"{function} failed: {error} (0x{(uint)error:X8})"))
    {
        Error = error;
    }

    internal PcscError Error { get; }

    /// <summary>The resource manager went away (pcscd stopped or restarted): the context must be re-established.</summary>
    internal bool IsServiceLost => Error is PcscError.NoService or PcscError.ServiceStopped or PcscError.InvalidHandle;

    /// <summary>The card left the field or stopped answering: wait for the next touch.</summary>
    internal bool IsCardGone => Error is PcscError.RemovedCard or PcscError.NoSmartcard or PcscError.ResetCard
        or PcscError.UnpoweredCard or PcscError.UnresponsiveCard or PcscError.CommError or PcscError.NotTransacted
        or PcscError.ReaderUnavailable or PcscError.UnknownReader;

    internal static void ThrowIfFailed(string function, nint result)
    {
        if (result != 0)
        {
            throw new PcscException(function, (PcscError)(uint)result);
        }
    }
}
