using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>The narrow word cues and the language of a message.</summary>
public sealed class CuesAndLanguageTests
{
    [Theory]
    [InlineData("I want to talk to a human agent", true)]
    [InlineData("can i speak to a real person please", true)]
    [InlineData("human", true)]
    [InlineData("connect me with someone", true)]
    [InlineData("我要人工客服", true)]
    [InlineData("how heavy is the Ridgeline 2-person tent", false)]
    [InlineData("is this a good gift for a person who cooks", false)]
    public void Wants_a_person(string text, bool expected) => Assert.Equal(expected, Cues.WantsPerson(text));

    [Theory]
    [InlineData("do you have any discount codes?", true)]
    [InlineData("any coupons?", true)]
    [InlineData("my voucher doesn't work", true)]
    [InlineData("what's the postcode for the returns address", false)]
    [InlineData("any discount on the Fleetwind running shoes?", false)]
    public void Asks_for_codes(string text, bool expected) => Assert.Equal(expected, Cues.AsksForCodes(text));

    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("Yep!", "yes")]
    [InlineData("no thanks", "no")]
    [InlineData("please delete my account", null)]
    [InlineData("yes I want to return the shoes", null)]
    public void Short_yes_or_no(string text, string? expected) => Assert.Equal(expected, Cues.ShortYesNo(text));

    [Theory]
    [InlineData("goodbye", "bye", true)]
    [InlineData("goodbye", "she loves cooking", false)]
    [InlineData("thanks", "yes", false)]
    [InlineData("greeting", "W100023", false)]
    [InlineData("greeting", "good morning", true)]
    public void Small_talk_needs_its_words(string label, string text, bool expected) => Assert.Equal(expected, Cues.ConfirmsSmallTalk(label, text));

    [Theory]
    [InlineData("我的订单到哪了", Language.Chinese)]
    [InlineData("WELCOME10 可以用吗", Language.Chinese)]
    [InlineData("Sonora Flux 9 Wireless Headphones 有货吗", Language.Chinese)]
    [InlineData("is the 跑鞋 in the sale", Language.English)]
    [InlineData("where is my order W100001", Language.English)]
    [InlineData("Wo ist meine Bestellung?", Language.Unsupported)]
    [InlineData("Hola, dónde está mi pedido", Language.Unsupported)]
    [InlineData("Hauptstrasse 5", Language.English)]
    [InlineData("I love the Casa Bella vase", Language.English)]
    public void Language_of_a_message(string text, string expected) => Assert.Equal(expected, Language.Detect(text));
}
