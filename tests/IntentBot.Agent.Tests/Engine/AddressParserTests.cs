using IntentBot.Agent.Slots;

namespace IntentBot.Agent.Tests.Engine;

public sealed class AddressParserTests
{
    [Theory]
    [InlineData("change address on W100002 to Lindenstr 5, 04109 Leipzig", null, "Lindenstr 5", "04109", "Leipzig", null)]
    [InlineData("Lindenstr 5 04109 Leipzig", null, "Lindenstr 5", "04109", "Leipzig", null)]
    [InlineData("Musterweg 1", "street", "Musterweg 1", null, null, null)]
    [InlineData("12345 Berlin", "postal_code", null, "12345", "Berlin", null)]
    [InlineData("12345 Berlin", "street", null, "12345", "Berlin", null)]
    [InlineData("04109", "postal_code", null, "04109", null, null)]
    [InlineData("Berlin", "city", null, null, "Berlin", null)]
    [InlineData("Berlin", "street", null, null, null, null)]
    [InlineData("Musterweg 1, 1010 Wien, Austria", null, "Musterweg 1", "1010", "Wien", "AT")]
    [InlineData("Rue de la Paix 12, 75002 Paris, FR", null, "Rue de la Paix 12", "75002", "Paris", "FR")]
    [InlineData("221B Baker Street", "street", "221B Baker Street", null, null, null)]
    [InlineData("the new address is Hauptstraße 12a now", null, "Hauptstraße 12a", null, null, null)]
    [InlineData("Hauptstrasse 1234", "street", "Hauptstrasse 1234", null, null, null)]
    [InlineData("DE", "country", null, null, null, "DE")]
    [InlineData("Narnia", "country", null, null, null, null)]
    [InlineData("forget it, cancel", "street", null, null, null, null)]
    [InlineData("yes", "street", null, null, null, null)]
    [InlineData("Hauptstrasse", "street", null, null, null, null)]
    [InlineData("I need to change the shipping address of order W100002", null, null, null, null, null)]
    public void Reads_the_parts_an_address_gives(string text, string? asked, string? street, string? postcode, string? city, string? country)
    {
        var parts = AddressParser.Read(text, asked);
        Assert.Equal((street, postcode, city, country), (parts.Street, parts.Postcode, parts.City, parts.Country));
    }
}
