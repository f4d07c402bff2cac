using LoCoPi.ReaderClient.Card;

namespace LoCoPi.ReaderClient.Tests.Card;

public sealed class ApduGuardTests
{
    private static readonly byte[] s_ourAid = Convert.FromHexString(CardApplication.DefaultAid);

    [Theory]
    [InlineData("D392F000260100000001")]
    [InlineData("D3921000310001010408")]
    [InlineData("D3921000310001010402")]
    [InlineData("D392100031")]
    [InlineData("D3921000310001010408FF")]
    public void The_national_applications_cannot_be_configured_as_our_AID(string aid)
    {
        Assert.Throws<ArgumentException>(() => CardApplication.ParseAid(aid));
        Assert.Throws<ArgumentException>(() => new ApduGuard(Convert.FromHexString(aid)));
    }

    [Fact]
    public void Our_default_AID_is_accepted() => Assert.Equal(s_ourAid, CardApplication.ParseAid(CardApplication.DefaultAid));

    [Theory]
    [InlineData("00A4040C0AD3921000310001010408")] // 券面事項入力補助AP
    [InlineData("00A4040C0AD3921000310001010402")] // 券面AP
    [InlineData("00A4040C0AD392F000260100000001")] // JPKI
    [InlineData("00A4020C020005")] // EF 05, even after our application
    [InlineData("00A4020C020001")] // EF 01 before our application answered
    [InlineData("00B0000041")] // a read with nothing of ours selected
    [InlineData("00B0810000")] // READ BINARY by short EF id 1
    [InlineData("0020000100")] // VERIFY
    public void Anything_but_our_three_commands_is_refused_before_it_reaches_the_card(string apdu)
    {
        var guard = new ApduGuard(s_ourAid);
        if (apdu == "00A4020C020005")
        {
            guard.Answered(guard.SelectApplication(), 0x9000);
        }

        Assert.Throws<ForbiddenApduException>(() => guard.Check(Convert.FromHexString(apdu)));
    }

    [Fact]
    public void The_service_id_file_is_read_only_after_our_application_and_the_file_answered_9000()
    {
        var guard = new ApduGuard(s_ourAid);
        var select = guard.SelectApplication();
        guard.Answered(select, 0x6A82);
        Assert.Throws<ForbiddenApduException>(() => guard.SelectServiceIdFile());

        guard.Answered(select, 0x9000);
        var file = guard.SelectServiceIdFile();
        Assert.Throws<ForbiddenApduException>(() => guard.ReadServiceId());

        guard.Answered(file, 0x9000);
        Assert.Equal(Convert.FromHexString("00B0000041"), guard.ReadServiceId());
    }
}
