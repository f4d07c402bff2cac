using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Card;

/// <summary>The card protocol against the virtual card's OS, without PC/SC in between.</summary>
public sealed class ServiceIdReaderTests
{
    private readonly ApduLog _log = new();

    private CardReadResult Read(CardImage image) =>
        new ServiceIdReader(Convert.FromHexString(CardApplication.DefaultAid)).Read(new CardOs(image, _log).Execute);

    [Fact]
    public void A_registered_card_gives_its_service_id_and_nothing_else_is_sent()
    {
        var result = Read(CardImage.MyNumberCard("svc-A.b_9"));

        Assert.Equal(new CardReadResult.Read("svc-A.b_9"), result);
        Assert.Equal(["00A4040C08F04C4F434F504901", "00A4020C020001", "00B0000041"], _log.Commands);
        Assert.Empty(_log.IndividualNumberAccesses());
    }

    [Fact]
    public void A_card_without_our_application_is_not_registered_after_a_single_SELECT()
    {
        Assert.IsType<CardReadResult.NotRegistered>(Read(CardImage.MyNumberCard(serviceId: null)));
        Assert.Single(_log.Commands);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("個人")]
    [InlineData("a/b")]
    public void A_service_id_with_characters_outside_the_identifier_set_is_unreadable(string content)
    {
        var image = CardImage.MyNumberCard(null);
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        image.Applications[CardApplication.DefaultAid] = new() { [0x0001] = [(byte)bytes.Length, .. bytes] };

        Assert.IsType<CardReadResult.Unreadable>(Read(image));
    }

    [Fact]
    public void A_length_beyond_64_is_unreadable_and_an_empty_file_is_not_registered()
    {
        Assert.IsType<CardReadResult.Unreadable>(ServiceIdReader.Parse([65, .. new byte[65]]));
        Assert.IsType<CardReadResult.NotRegistered>(ServiceIdReader.Parse([0x00]));
        Assert.IsType<CardReadResult.NotRegistered>(ServiceIdReader.Parse([]));
        Assert.Equal(new CardReadResult.Read(new string('x', 64)), ServiceIdReader.Parse([64, .. Enumerable.Repeat((byte)'x', 64)]));
    }

    [Fact]
    public void The_privacy_check_itself_notices_a_client_that_strays()
    {
        var os = new CardOs(CardImage.MyNumberCard("svc-1"), _log);
        os.Execute(Convert.FromHexString("00A4040C0AD3921000310001010408"));
        os.Execute(Convert.FromHexString("00B0000000"));

        Assert.Equal(2, _log.IndividualNumberAccesses().Count);
    }
}
