using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>The cues and language reading behind the fixes for stuck shoppers: each narrow, so ordinary English stays the model's.</summary>
public sealed class ShopperCuesTests
{
    [Theory]
    [InlineData("wtf where is my shit", true)]
    [InlineData("where is my stuff 😡😡", true)]
    [InlineData("hw long til my oder cums", true)]
    [InlineData("wheres my pakage", true)]
    [InlineData("my parcel still hasn't arrived", true)]
    [InlineData("where is the nearest store", false)]
    [InlineData("where is my refund", false)]
    [InlineData("how long does delivery take to france", false)]
    public void Where_is_my_order_in_shoppers_words(string text, bool expected) => Assert.Equal(expected, Cues.AsksWhereOrderIs(text));

    [Theory]
    [InlineData("W100008 says out for delivery but nothing came", true)]
    [InlineData("it says delivered but I never got it", true)]
    [InlineData("it hasnt even arrived", true)]
    [InlineData("my refund for W100011 hasnt arrived", false)]
    [InlineData("when will it arrive", false)]
    public void A_parcel_that_did_not_come(string text, bool expected) => Assert.Equal(expected, Cues.ReportsNotReceived(text));

    [Theory]
    [InlineData("where is W10001", "W10001")]
    [InlineData("w1000077?", "W1000077")]
    [InlineData("where is W100001", null)]
    [InlineData("my postcode is 10115", null)]
    public void A_number_shaped_like_an_order_number_with_the_wrong_digits(string text, string? expected) =>
        Assert.Equal(expected, Cues.MalformedOrderNumber(text));

    [Theory]
    [InlineData("are you a bot?", true)]
    [InlineData("r u a real person", true)]
    [InlineData("is this a real person", true)]
    [InlineData("am I talking to a robot", true)]
    [InlineData("is it real leather?", false)]
    [InlineData("is this machine washable", false)]
    [InlineData("I want to talk to a real person", false)]
    public void The_bot_question(string text, bool expected) => Assert.Equal(expected, Cues.AsksIfBot(text));

    [Theory]
    [InlineData("nvm", true)]
    [InlineData("actually no wait", true)]
    [InlineData("nvm keep it", true)]
    [InlineData("never mind", true)]
    [InlineData("stop", true)]
    [InlineData("stop selling broken stuff", false)]
    [InlineData("Stopstrasse 5", false)]
    [InlineData("forget it, I want a refund instead", false)]
    [InlineData("forget it, cancel", true)]
    [InlineData("never mind, keep the old one", true)]
    [InlineData("oh just leave it", true)]
    [InlineData("no", false)]
    [InlineData("yes", false)]
    [InlineData("cancel the order", false)]
    [InlineData("Musterweg 1", false)]
    [InlineData("i want to cancel", false)]
    [InlineData("doesn't matter, keep the old one", true)]
    public void Leaving_what_is_in_progress(string text, bool expected) => Assert.Equal(expected, Cues.LeavesForm(text));

    [Theory]
    [InlineData("what should i do", true)]
    [InlineData("ok then what", true)]
    [InlineData("what can you do", false)]
    [InlineData("what should i buy for my dad", false)]
    public void Asking_for_the_next_step(string text, bool expected) => Assert.Equal(expected, Cues.AsksNextStep(text));

    [Theory]
    [InlineData("je veux parler à quelqu'un")]
    [InlineData("quiero hablar con una persona")]
    [InlineData("ich will mit einem Menschen sprechen")]
    public void A_request_for_a_person_in_another_language(string text) => Assert.True(Cues.WantsPerson(text));

    [Theory]
    [InlineData("quiero devolver un producto", "es")]
    [InlineData("tienen cupones de descuento?", "es")]
    [InlineData("¿Dónde está mi pedido?", "es")]
    [InlineData("Ich möchte zurückgeben", "de")]
    [InlineData("Wo ist meine Bestellung W100001?", "de")]
    [InlineData("je veux parler à quelqu'un", "fr")]
    [InlineData("ou est mon colis W100016", "fr")]
    [InlineData("merci", "fr")]
    [InlineData("hola", "es")]
    [InlineData("where is my order", null)]
    [InlineData("do you have a red hat", null)]
    [InlineData("any promo code for the Casa pan?", null)]
    [InlineData("hallo", null)]
    [InlineData("Hast du Gutscheine?", "de")]
    [InlineData("grazie mille", "it")]
    [InlineData("muchas gracias", "es")]
    [InlineData("no", null)]
    [InlineData("ok", null)]
    [InlineData("W100001", null)]
    [InlineData("anna@example.com", null)]
    public void The_language_of_a_latin_script_message(string text, string? expected) => Assert.Equal(expected, Language.Foreign(text));
}
