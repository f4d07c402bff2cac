namespace LoCoPi.ReaderClient.Tests.VirtualCard;

/// <summary>A minimal ISO 7816-4 card OS over a <see cref="CardImage"/>: SELECT by AID, SELECT EF, READ BINARY.</summary>
public sealed class CardOs(CardImage image, ApduLog log)
{
    private string? _application;
    private ushort? _file;

    public void Reset()
    {
        _application = null;
        _file = null;
    }

    public byte[] Execute(byte[] apdu)
    {
        log.Record(apdu, _application);
        if (apdu.Length < 4)
        {
            return [0x67, 0x00];
        }

        return (apdu[1], apdu[2]) switch
        {
            (0xA4, 0x04) => SelectApplication(Data(apdu)),
            (0xA4, 0x02) or (0xA4, 0x00) => SelectFile(Data(apdu)),
            (0xB0, _) => ReadBinary(apdu),
            (0xA4, _) => [0x6A, 0x86],
            _ => [0x6D, 0x00],
        };
    }

    private static byte[] Data(byte[] apdu) => apdu.Length > 5 ? apdu.AsSpan(5, Math.Min(apdu[4], apdu.Length - 5)).ToArray() : [];

    private byte[] SelectApplication(byte[] aid)
    {
        var match = image.Applications.Keys.FirstOrDefault(key => Convert.FromHexString(key).AsSpan().StartsWith(aid) && aid.Length > 0);
        if (match is null)
        {
            return [0x6A, 0x82];
        }

        _application = match;
        _file = null;
        return [0x90, 0x00];
    }

    private byte[] SelectFile(byte[] id)
    {
        if (_application is null || id.Length != 2 || !image.Applications[_application].ContainsKey((ushort)((id[0] << 8) | id[1])))
        {
            return [0x6A, 0x82];
        }

        _file = (ushort)((id[0] << 8) | id[1]);
        return [0x90, 0x00];
    }

    private byte[] ReadBinary(byte[] apdu)
    {
        if (_application is null || _file is null)
        {
            return [0x69, 0x86];
        }

        var content = image.Applications[_application][_file.Value];
        var offset = ((apdu[2] & 0x7F) << 8) | apdu[3];
        var le = apdu.Length > 4 ? (apdu[4] == 0 ? 256 : apdu[4]) : 256;
        if (offset > content.Length)
        {
            return [0x6B, 0x00];
        }

        var data = content.AsSpan(offset, Math.Min(le, content.Length - offset));
        return data.Length < le ? [.. data, 0x62, 0x82] : [.. data, 0x90, 0x00];
    }
}
