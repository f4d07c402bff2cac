namespace LoCoPi.ReaderClient.Card;

/// <summary>
/// The allow-list of every APDU the client may send, enforced before each transmit. Exactly
/// three commands exist: SELECT our application by its AID, SELECT the service-ID file inside it
/// (only after our application answered 9000 on this connection), and READ BINARY of that file
/// from offset 0. Anything else — another AID, another file, a read elsewhere — is refused, so a
/// bug or a hostile configuration cannot reach the individual-number files.
/// </summary>
internal sealed class ApduGuard
{
    private readonly byte[] _aid;
    private bool _applicationSelected;
    private bool _fileSelected;

    public ApduGuard(byte[] aid)
    {
        if (CardApplication.IsForbidden(aid))
        {
            throw new ArgumentException("個人番号・公的個人認証のアプリケーションは指定できません。", nameof(aid));
        }

        _aid = aid;
    }

    public byte[] SelectApplication() => Check([0x00, 0xA4, 0x04, 0x0C, (byte)_aid.Length, .. _aid]);

    public byte[] SelectServiceIdFile() => Check([0x00, 0xA4, 0x02, 0x0C, 0x02, .. CardApplication.ServiceIdFile]);

    public byte[] ReadServiceId() => Check([0x00, 0xB0, 0x00, 0x00, CardApplication.ServiceIdRecordLength]);

    /// <summary>Throws <see cref="ForbiddenApduException"/> unless <paramref name="apdu"/> is allowed now.</summary>
    public byte[] Check(byte[] apdu)
    {
        if (!IsAllowed(apdu))
        {
            throw new ForbiddenApduException(Convert.ToHexString(apdu.AsSpan(0, Math.Min(apdu.Length, 4))));
        }

        return apdu;
    }

    /// <summary>Records the card's answer, which gates the next command.</summary>
    public void Answered(byte[] apdu, ushort statusWord)
    {
        var ok = statusWord == 0x9000;
        if (apdu[1] == 0xA4 && apdu[2] == 0x04)
        {
            _applicationSelected = ok;
            _fileSelected = false;
        }
        else if (apdu[1] == 0xA4 && apdu[2] == 0x02)
        {
            _fileSelected = ok && _applicationSelected;
        }
    }

    private bool IsAllowed(ReadOnlySpan<byte> apdu)
    {
        ReadOnlySpan<byte> selectApplication = [0x00, 0xA4, 0x04, 0x0C, (byte)_aid.Length, .. _aid];
        ReadOnlySpan<byte> selectFile = [0x00, 0xA4, 0x02, 0x0C, 0x02, .. CardApplication.ServiceIdFile];
        if (apdu.SequenceEqual(selectApplication))
        {
            return true;
        }

        if (apdu.SequenceEqual(selectFile))
        {
            return _applicationSelected;
        }

        return apdu.Length == 5 && apdu[0] == 0x00 && apdu[1] == 0xB0 && apdu[2] == 0x00 && apdu[3] == 0x00
            && apdu[4] is > 0 and <= CardApplication.ServiceIdRecordLength && _fileSelected;
    }
}

/// <summary>The client tried to send an APDU outside the allow-list; the card session is abandoned.</summary>
public sealed class ForbiddenApduException : Exception
{
    public ForbiddenApduException()
    {
    }

    public ForbiddenApduException(string header)
        : base($"APDU {header} is not on the reader's allow-list")
    {
    }

    public ForbiddenApduException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
