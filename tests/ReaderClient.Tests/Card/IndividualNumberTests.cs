using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Tests.VirtualCard;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Tests.Card;

/// <summary>The shape of the 12-digit individual number, and a card that carries one as its service ID.</summary>
public sealed class IndividualNumberTests
{
    [Theory]
    // Examples published with the formula of 総務省令第85号 第5条 (123456789018 is also the virtual card's number).
    [InlineData(CardImage.FakeIndividualNumber)]
    [InlineData("983205673214")]
    [InlineData("000000000000")]
    public void Twelve_digits_ending_in_the_check_digit_of_the_first_eleven_have_the_shape(string value)
        => Assert.True(IndividualNumber.HasShape(value));

    [Theory]
    [InlineData("123456789010")]
    [InlineData("983205673210")]
    [InlineData("12345678901")]
    [InlineData("1234567890180")]
    [InlineData("12345678901a")]
    [InlineData("１２３４５６７８９０１８")]
    [InlineData("svc-123456789018")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_does_not(string? value) => Assert.False(IndividualNumber.HasShape(value));

    [Fact]
    public void Exactly_one_check_digit_in_ten_completes_eleven_digits()
        => Assert.Single(Enumerable.Range(0, 10), d => IndividualNumber.HasShape("98320567321" + d));

    [Fact]
    public void A_card_whose_service_ID_has_the_shape_is_refused_and_the_value_is_not_kept()
    {
        var image = CardImage.MyNumberCard(null);
        var bytes = System.Text.Encoding.ASCII.GetBytes("983205673214");
        image.Applications[CardApplication.DefaultAid] = new() { [0x0001] = [(byte)bytes.Length, .. bytes] };

        var result = new ServiceIdReader(Convert.FromHexString(CardApplication.DefaultAid)).Read(new CardOs(image, new ApduLog()).Execute);

        Assert.IsType<CardReadResult.IndividualNumberRefused>(result);
        Assert.DoesNotContain("983205673214", result.ToString(), StringComparison.Ordinal);
    }
}
