using System.Text;

namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>
/// One pcsc-lite resource-manager context. Blocking calls (<see cref="WaitForChange"/>) run on the
/// caller's thread; <see cref="Cancel"/> may be called from any thread to release them.
/// </summary>
internal sealed unsafe class PcscContext : IDisposable
{
    private nint _handle;

    private PcscContext(nint handle) => _handle = handle;

    public static PcscContext Establish()
    {
        PcscException.ThrowIfFailed("SCardEstablishContext",
            NativeMethods.SCardEstablishContext(PcscConstants.ScopeSystem, 0, 0, out var handle));
        return new PcscContext(handle);
    }

    /// <summary>The connected readers; empty when none is plugged in.</summary>
    public IReadOnlyList<string> ListReaders()
    {
        nuint length = 0;
        var result = NativeMethods.SCardListReaders(_handle, null, null, ref length);
        if ((PcscError)(uint)result == PcscError.NoReadersAvailable)
        {
            return [];
        }

        PcscException.ThrowIfFailed("SCardListReaders", result);
        var buffer = new byte[(int)length];
        fixed (byte* readers = buffer)
        {
            result = NativeMethods.SCardListReaders(_handle, null, readers, ref length);
        }

        if ((PcscError)(uint)result == PcscError.NoReadersAvailable)
        {
            return [];
        }

        PcscException.ThrowIfFailed("SCardListReaders", result);

        // A multi-string: names separated by NUL, ended by an empty name.
        return Encoding.UTF8.GetString(buffer, 0, (int)length)
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Blocks until a reader's state differs from <see cref="ReaderStatus.CurrentState"/> or the timeout
    /// passes; returns false on timeout or cancellation. Updates each status's <c>EventState</c>.
    /// </summary>
    public bool WaitForChange(IReadOnlyList<ReaderStatus> statuses, TimeSpan timeout)
    {
        var names = new nint[statuses.Count];
        var states = new NativeMethods.ReaderState[statuses.Count];
        try
        {
            for (var i = 0; i < statuses.Count; i++)
            {
                names[i] = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(statuses[i].Name);
                states[i].Reader = names[i];
                states[i].CurrentState = statuses[i].CurrentState;
            }

            nint result;
            fixed (NativeMethods.ReaderState* pointer = states)
            {
                result = NativeMethods.SCardGetStatusChange(_handle, (nuint)timeout.TotalMilliseconds, pointer, (nuint)states.Length);
            }

            var error = (PcscError)(uint)result;
            if (error is PcscError.Timeout or PcscError.Cancelled)
            {
                return false;
            }

            PcscException.ThrowIfFailed("SCardGetStatusChange", result);
            for (var i = 0; i < statuses.Count; i++)
            {
                statuses[i].EventState = (uint)states[i].EventState;
            }

            return true;
        }
        finally
        {
            foreach (var name in names)
            {
                System.Runtime.InteropServices.Marshal.FreeCoTaskMem(name);
            }
        }
    }

    /// <summary>Connects to the card in <paramref name="reader"/>, T=1 or T=0, shared.</summary>
    public PcscCard Connect(string reader)
    {
        var name = Encoding.UTF8.GetBytes(reader + "\0");
        fixed (byte* pointer = name)
        {
            PcscException.ThrowIfFailed("SCardConnect", NativeMethods.SCardConnect(_handle, pointer, PcscConstants.ShareShared,
                PcscConstants.ProtocolT0 | PcscConstants.ProtocolT1, out var card, out var protocol));
            return new PcscCard(card, (uint)protocol);
        }
    }

    /// <summary>Releases a blocked <see cref="WaitForChange"/> on another thread.</summary>
    public void Cancel()
    {
        var handle = _handle;
        if (handle != 0)
        {
            _ = NativeMethods.SCardCancel(handle);
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            _ = NativeMethods.SCardReleaseContext(handle);
        }
    }
}

/// <summary>A reader watched by <see cref="PcscContext.WaitForChange"/>.</summary>
internal sealed class ReaderStatus(string name)
{
    public string Name { get; } = name;

    /// <summary>What the caller believes; pcsc-lite keeps an event counter in the upper 16 bits, so pass back the whole value.</summary>
    public uint CurrentState { get; set; } = PcscConstants.StateUnaware;

    public uint EventState { get; set; }

    public bool Has(uint flag) => (EventState & flag) != 0;
}
