using System.Text;
using LoCoPi.ReaderClient.Pcsc;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Card;

/// <summary>Reads the service ID from a connected card, sending only what <see cref="ApduGuard"/> allows.</summary>
internal sealed class ServiceIdReader(byte[] aid)
{
    public CardReadResult Read(Func<byte[], byte[]> transmit)
    {
        var guard = new ApduGuard(aid);
        try
        {
            var status = Send(guard, guard.SelectApplication(), transmit, out _);
            if (status is 0x6A82 or 0x6A86 or 0x6D00 or 0x6E00)
            {
                return new CardReadResult.NotRegistered();
            }

            if (status != 0x9000)
            {
                return new CardReadResult.Unreadable($"SELECT AID {status:X4}");
            }

            status = Send(guard, guard.SelectServiceIdFile(), transmit, out _);
            if (status == 0x6A82)
            {
                return new CardReadResult.NotRegistered();
            }

            if (status != 0x9000)
            {
                return new CardReadResult.Unreadable($"SELECT EF {status:X4}");
            }

            status = Send(guard, guard.ReadServiceId(), transmit, out var data);
            if (status is not (0x9000 or 0x6282))
            {
                return new CardReadResult.Unreadable($"READ BINARY {status:X4}");
            }

            return Parse(data);
        }
        catch (PcscException e) when (e.IsCardGone)
        {
            return new CardReadResult.Removed();
        }
    }

    /// <summary>One length byte (1–64), then the service ID in ASCII.</summary>
    internal static CardReadResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data[0] == 0 || data[0] == 0xFF)
        {
            return new CardReadResult.NotRegistered();
        }

        var length = data[0];
        if (length > ServiceId.MaxLength || data.Length < 1 + length)
        {
            return new CardReadResult.Unreadable("bad length");
        }

        var bytes = data.Slice(1, length);
        if (!Ascii.IsValid(bytes))
        {
            return new CardReadResult.Unreadable("not ASCII");
        }

        var value = Encoding.ASCII.GetString(bytes);
        return IndividualNumber.HasShape(value) ? new CardReadResult.IndividualNumberRefused()
            : ServiceId.IsValid(value) ? new CardReadResult.Read(value)
            : new CardReadResult.Unreadable("bad characters");
    }

    private static ushort Send(ApduGuard guard, byte[] apdu, Func<byte[], byte[]> transmit, out byte[] data)
    {
        var response = transmit(apdu);
        if (response.Length < 2)
        {
            throw new PcscException("SCardTransmit", PcscError.CommError);
        }

        var status = (ushort)((response[^2] << 8) | response[^1]);
        guard.Answered(apdu, status);
        data = response[..^2];
        return status;
    }
}
