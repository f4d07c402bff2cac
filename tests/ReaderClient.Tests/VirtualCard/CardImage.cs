namespace LoCoPi.ReaderClient.Tests.VirtualCard;

/// <summary>
/// The files of a simulated My Number Card: our service-ID application next to the national
/// applications that hold the individual number (with a fake 12-digit number), so a client that
/// strayed would actually find something to read — and the log would show it.
/// </summary>
public sealed class CardImage
{
    public const string FakeIndividualNumber = "123456789018";

    public static readonly byte[] JpkiAid = Convert.FromHexString("D392F000260100000001");
    public static readonly byte[] InputSupportAid = Convert.FromHexString("D3921000310001010408");
    public static readonly byte[] CardFaceAid = Convert.FromHexString("D3921000310001010402");

    public Dictionary<string, Dictionary<ushort, byte[]>> Applications { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Atr { get; init; } = [0x3B, 0x80, 0x80, 0x01, 0x01];

    /// <summary>A card as issued: the national applications, plus ours when <paramref name="serviceId"/> is given.</summary>
    public static CardImage MyNumberCard(string? serviceId, string aidHex = "F04C4F434F504901")
    {
        var image = new CardImage();
        var number = System.Text.Encoding.ASCII.GetBytes(FakeIndividualNumber);
        image.Applications[Convert.ToHexString(InputSupportAid)] = new() { [0x0001] = [.. number], [0x0002] = [0x01, 0x02] };
        image.Applications[Convert.ToHexString(CardFaceAid)] = new() { [0x0005] = [.. number] };
        image.Applications[Convert.ToHexString(JpkiAid)] = new() { [0x0001] = [0x30, 0x82] };
        if (serviceId is not null)
        {
            var id = System.Text.Encoding.ASCII.GetBytes(serviceId);
            image.Applications[aidHex] = new() { [0x0001] = [(byte)id.Length, .. id] };
        }

        return image;
    }

    /// <summary>True when <paramref name="aid"/> names (or is a prefix of) an application holding the number or JPKI.</summary>
    public static bool IsIndividualNumberApplication(ReadOnlySpan<byte> aid)
    {
        foreach (var forbidden in new[] { JpkiAid, InputSupportAid, CardFaceAid })
        {
            var common = Math.Min(aid.Length, forbidden.Length);
            if (common > 0 && aid[..common].SequenceEqual(forbidden.AsSpan(0, common)))
            {
                return true;
            }
        }

        return false;
    }
}
