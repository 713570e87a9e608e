using IntentBot.Server.Logging;

namespace IntentBot.Server.Tests.Behaviour;

public sealed class PiiMaskerTests
{
    [Theory]
    // e-mail addresses
    [InlineData("mail ada.lovelace+shop@example.co.uk now", "mail [email] now")]
    [InlineData("<bob_smith@mail-server.example.com>", "<[email]>")]
    [InlineData("two: a@b.io, c.d@e.org.", "two: [email], [email].")]
    // cards: 13-19 digits, Luhn-valid, grouped by spaces or dashes or not at all
    [InlineData("card 4111111111111111 used", "card [card] used")]
    [InlineData("card 4111 1111 1111 1111 used", "card [card] used")]
    [InlineData("card 5500-0000-0000-0004.", "card [card].")]
    [InlineData("amex 3782 822463 10005", "amex [card]")]
    [InlineData("13 digits 4222222222222", "13 digits [card]")]
    [InlineData("ref-4111111111111111", "ref-[card]")]
    // phone numbers
    [InlineData("call +44 20 7946 0958 today", "call [phone] today")]
    [InlineData("call +1 (555) 123-4567", "call [phone]")]
    [InlineData("whatsapp +4915112345678", "whatsapp [phone]")]
    [InlineData("tel (555) 123-4567", "tel [phone]")]
    [InlineData("tel 555-123-4567 or 555.123.4567", "tel [phone] or [phone]")]
    [InlineData("uk 020 7946 0958 / 07700 900123", "uk [phone] / [phone]")]
    public void Personal_data_is_masked(string input, string expected) => Assert.Equal(expected, PiiMasker.Mask(input));

    [Theory]
    [InlineData("Where is order W123456?")]
    [InlineData("order id 1234567890 shipped")]                    // 10 digits: neither a card nor a written phone number
    [InlineData("order 12345678901234 is late")]                   // 14 digits but not Luhn-valid
    [InlineData("card-like 4111 1111 1111 1112")]                  // fails the Luhn check
    [InlineData("twenty digits 41111111111111111111")]              // longer than any card
    [InlineData("at 2026-11-23T10:15:00Z, 12:30:45")]
    [InlineData("server 127.0.0.1:6379, version 10.0.5")]
    [InlineData("price 1,299.99 for 3 items")]
    [InlineData("user@localhost wrote")]                           // no domain with a dot: not an address we mask
    [InlineData("sku 555-1234")]                                   // 7 digits grouped 3-4: a product code, not a phone
    [InlineData("tracking 1Z999AA10123456784")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string input) => Assert.Equal(input, PiiMasker.Mask(input));

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("79927398713", true)]      // the textbook Luhn example
    [InlineData("79927398710", false)]
    [InlineData("1234567890123", false)]
    public void Luhn_check(string digits, bool valid) => Assert.Equal(valid, PiiMasker.PassesLuhn(digits));
}
