namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>A connected card. Only <see cref="Card.CardSession"/> transmits, through the APDU allow-list.</summary>
internal sealed unsafe class PcscCard : IDisposable
{
    private nint _handle;
    private readonly uint _protocol;

    public PcscCard(nint handle, uint protocol)
    {
        _handle = handle;
        _protocol = protocol;
    }

    /// <summary>Sends one command APDU and returns the response APDU (data and SW1 SW2).</summary>
    public byte[] Transmit(byte[] command)
    {
        var response = new byte[258];
        nuint length = (nuint)response.Length;
        var pci = new NativeMethods.IoRequest { Protocol = _protocol, PciLength = (nuint)sizeof(NativeMethods.IoRequest) };
        fixed (byte* send = command)
        fixed (byte* receive = response)
        {
            PcscException.ThrowIfFailed("SCardTransmit",
                NativeMethods.SCardTransmit(_handle, &pci, send, (nuint)command.Length, null, receive, ref length));
        }

        return response.AsSpan(0, (int)length).ToArray();
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            // The card may already be gone; nothing useful can be done with the error.
            _ = NativeMethods.SCardDisconnect(handle, PcscConstants.LeaveCard);
        }
    }
}
