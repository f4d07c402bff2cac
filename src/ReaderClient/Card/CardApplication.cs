namespace LoCoPi.ReaderClient.Card;

/// <summary>
/// Where the service ID lives on the card. Our application is selected by AID (configurable with
/// <c>--aid</c>); inside it, the elementary file <c>0001</c> holds one length byte (1–64) and the
/// service ID in ASCII.
/// </summary>
/// <remarks>
/// The default AID <c>F04C4F434F504901</c> is a proprietary, unregistered AID (ISO/IEC 7816-4
/// category F) spelling "LOCOPI" + version 01, so it cannot collide with the national
/// applications. A municipality writes its issued free-space (空き領域) AID here.
/// </remarks>
internal static class CardApplication
{
    public const string DefaultAid = "F04C4F434F504901";

    public static ReadOnlySpan<byte> ServiceIdFile => [0x00, 0x01];

    /// <summary>READ BINARY length: the length byte plus the longest service ID.</summary>
    public const byte ServiceIdRecordLength = 1 + ServiceId.MaxLength;

    /// <summary>
    /// Applications the client must never select: JPKI, 券面事項入力補助AP and 券面AP (the last two
    /// hold the 12-digit individual number, 番号法 Arts. 15, 19, 20). Prefix match, so longer AIDs
    /// naming the same applications are refused too.
    /// </summary>
    public static IReadOnlyList<byte[]> ForbiddenAids { get; } =
    [
        Convert.FromHexString("D392F000260100000001"),
        Convert.FromHexString("D3921000310001010408"),
        Convert.FromHexString("D3921000310001010402"),
    ];

    /// <summary>Parses and checks a configured AID: 5–16 bytes of hex, and none of the national applications.</summary>
    public static byte[] ParseAid(string hex)
    {
        byte[] aid;
        try
        {
            aid = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"AID は16進数で指定してください: {hex}", nameof(hex), e);
        }

        if (aid.Length is < 5 or > 16)
        {
            throw new ArgumentException($"AID は5〜16バイトです: {hex}", nameof(hex));
        }

        if (IsForbidden(aid))
        {
            throw new ArgumentException("個人番号・公的個人認証のアプリケーションは指定できません。", nameof(hex));
        }

        return aid;
    }

    /// <summary>True when <paramref name="aid"/> names or overlaps a national application.</summary>
    public static bool IsForbidden(ReadOnlySpan<byte> aid)
    {
        foreach (var forbidden in ForbiddenAids)
        {
            var common = Math.Min(aid.Length, forbidden.Length);

            // A partial-AID SELECT (P2 "first or only occurrence" by prefix) could reach them, so any shared prefix of 5+ bytes (the RID) is refused.
            if (common >= 5 && aid[..common].SequenceEqual(forbidden.AsSpan(0, common)))
            {
                return true;
            }
        }

        return false;
    }
}
