using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Engine.Parts;

public sealed class ReplyBuilderTests
{
    private static readonly DialogCatalog Catalog = new(new Dictionary<string, DialogDefinition>
    {
        ["track_order"] = new()
        {
            Intent = "track_order", Title = "Track an order", Example = "Where is my order?",
            TitleTranslations = new() { ["zh"] = "查询订单" }, ExampleTranslations = new() { ["zh"] = "我的订单在哪里" },
        },
    });

    [Fact]
    public void An_intent_suggestion_is_that_dialogs_button_and_a_titled_one_sends_its_text()
    {
        var t = TurnFor.Message("hi");
        new ReplyBuilder(Catalog).Say(t, "Hello!", ["@track_order", "Talk to a person|I want to talk to a person", "@retired"]);

        var reply = Assert.Single(t.Replies);
        Assert.Equal("Hello!", reply.Text);
        Assert.Equal([("Track an order", "Where is my order?"), ("Talk to a person", "I want to talk to a person")],
            reply.SuggestedActions!.Actions.Select(a => (a.Title, a.Value?.ToString())));
    }

    [Fact]
    public void In_a_Chinese_conversation_buttons_and_fixed_sentences_are_Chinese()
    {
        var t = TurnFor.Message("你好", language: "zh");
        new ReplyBuilder(Catalog).Say(t, EngineTexts.Cancelled, ["@track_order"]);

        var reply = Assert.Single(t.Replies);
        Assert.Equal(EngineTexts.Zh.Of(EngineTexts.Cancelled), reply.Text);
        Assert.NotEqual(EngineTexts.Cancelled, reply.Text);
        Assert.Equal(("查询订单", "我的订单在哪里"), (reply.SuggestedActions!.Actions[0].Title, reply.SuggestedActions.Actions[0].Value?.ToString()));
    }

    [Fact]
    public void A_dialog_text_is_taken_in_the_conversations_language_when_the_dialog_has_it()
    {
        var translations = new Dictionary<string, string> { ["zh"] = "好的" };
        Assert.Equal("OK", ReplyBuilder.Localised(TurnFor.Message("ok"), "OK", translations));
        Assert.Equal("好的", ReplyBuilder.Localised(TurnFor.Message("好", language: "zh"), "OK", translations));
        Assert.Equal("OK", ReplyBuilder.Localised(TurnFor.Message("好", language: "zh"), "OK", new Dictionary<string, string> { ["zh"] = "" }));
    }

    [Fact]
    public void An_upset_shopper_gets_one_apology_and_the_offer_of_a_person()
    {
        var t = TurnFor.Message("this is ridiculous");
        var replies = new ReplyBuilder(Catalog);
        replies.Say(t, "Sorry, I can't find that order.");
        ReplyBuilder.AddEmpathy(t);
        Assert.Equal("Sorry, I can't find that order. " + EngineTexts.OfferHuman, t.Replies[0].Text);
        Assert.Equal(EngineTexts.TalkToPerson, t.Replies[0].SuggestedActions!.Actions[0].Title);
    }
}
