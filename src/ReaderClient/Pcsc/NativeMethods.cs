using System.Runtime.InteropServices;

namespace LoCoPi.ReaderClient.Pcsc;

/// <summary>
/// P/Invoke declarations for pcsc-lite on Linux x64. pcsc-lite declares DWORD and LONG as C
/// <c>unsigned long</c>/<c>long</c>, which are 8 bytes on LP64, so every DWORD, handle and
/// return code here is <see cref="nint"/>/<see cref="nuint"/> (checked against
/// /usr/include/PCSC/wintypes.h and pcsclite.h).
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "libpcsclite.so.1";

    public const int MaxAtrSize = 33;

    [LibraryImport(Library)]
    public static partial nint SCardEstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library)]
    public static partial nint SCardReleaseContext(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardListReaders(nint context, byte* groups, byte* readers, ref nuint readersLength);

    [LibraryImport(Library)]
    public static partial nint SCardGetStatusChange(nint context, nuint timeoutMs, ReaderState* states, nuint count);

    [LibraryImport(Library)]
    public static partial nint SCardCancel(nint context);

    [LibraryImport(Library)]
    public static partial nint SCardConnect(nint context, byte* reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library)]
    public static partial nint SCardDisconnect(nint card, nuint disposition);

    [LibraryImport(Library)]
    public static partial nint SCardTransmit(nint card, IoRequest* sendPci, byte* sendBuffer, nuint sendLength, IoRequest* receivePci, byte* receiveBuffer, ref nuint receiveLength);

    /// <summary>SCARD_READERSTATE as pcsc-lite lays it out on LP64: 5 × 8 bytes, 33 ATR bytes, padded to 80.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ReaderState
    {
        public nint Reader;
        public nint UserData;
        public nuint CurrentState;
        public nuint EventState;
        public nuint AtrLength;
        public fixed byte Atr[MaxAtrSize];
    }

    /// <summary>SCARD_IO_REQUEST: protocol and header length, both unsigned long.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint PciLength;
    }
}
