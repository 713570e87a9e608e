using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Rules;

/// <summary>
/// The second reading of an out-of-scope message that names the shop's own brands (Engine/ShopNameReading.cs):
/// the message without the names must be a confident, in-scope request other than small talk to win.
/// </summary>
public sealed class ShopNameReadingRuleTests
{
    private const string Question = "is the Ferro pan induction compatible";
    private const string WithoutName = "is the pan induction compatible";

    private static ScriptedClassifier Script(Reading withoutTheName) =>
        NewScript().Reads(Question, Reading.OffTopic(0.7)).Reads(WithoutName, withoutTheName);

    [Fact]
    public async Task A_confident_product_question_without_the_name_is_answered_from_the_catalog()
    {
        var nlu = Script(Reading.Of("product_inquiry", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(Question)).ShowsCard("Ferro").DoesNotSay("I'm the shop's assistant");
        Assert.Equal("product_inquiry", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Equal([Question, WithoutName], nlu.Classified);
    }

    [Theory]
    [InlineData(-Margin, false)]
    [InlineData(+Margin, true)]
    public async Task The_second_reading_must_clear_the_clarification_threshold(double offset, bool answered)
    {
        var nlu = Script(Reading.Of("product_inquiry", Defaults.ClarifyBelow + offset));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var reply = await chat.SayAsync(Question);
        Assert.Equal(answered ? "product_inquiry" : "out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        if (answered) reply.ShowsCard("Ferro");
        else reply.Says("I'm the shop's assistant");
        Assert.Contains(WithoutName, nlu.Classified);
    }

    [Theory]
    [InlineData("price_inquiry", true)]    // only shopping intents on top: together 0.30 + 0.20 + 0.10 = 0.60
    [InlineData("track_order", false)]     // an order intent among them breaks the run: 0.30 + 0.20 alone are too little
    public async Task A_named_product_spread_over_shopping_intents_is_a_product_question(string third, bool answered)
    {
        var spread = Reading.Of("price_inquiry", 0.30).Or("stock_availability", 0.20).Or(third == "price_inquiry" ? "product_inquiry" : third, 0.10);
        spread = spread with { OutOfScope = true };
        var nlu = NewScript().Reads(Question, spread).Reads(WithoutName, Reading.Of("price_inquiry", 0.4));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var reply = await chat.SayAsync(Question);
        Assert.Equal(answered ? "product_inquiry" : "out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        if (answered) reply.ShowsCard("Ferro");
        else reply.Says("I'm the shop's assistant");
    }

    [Fact]
    public async Task Small_talk_without_the_name_does_not_pull_the_message_in()
    {
        // "what is the highest Summit in Europe" without "Summit" is still not a shop question, however sure.
        var nlu = Script(Reading.Of("greeting", 0.99));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(Question)).Says("I'm the shop's assistant");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Contains(WithoutName, nlu.Classified);
    }

    [Fact]
    public async Task Out_of_scope_without_the_name_stays_out_of_scope()
    {
        var nlu = Script(Reading.OffTopic(0.95));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(Question)).Says("I'm the shop's assistant");
        Assert.Equal("out_of_scope", (await chat.StateAsync()).RecentIntents[^1]);
        Assert.Contains(WithoutName, nlu.Classified);
    }

    [Fact]
    public async Task The_whole_messages_sentiment_stays()
    {
        var nlu = NewScript().Reads(Question, Reading.OffTopic(0.7).Negative(0.9)).Reads(WithoutName, Reading.Of("product_inquiry", 0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(Question)).ShowsCard("Ferro").Says("I'm sorry about this");
        Assert.Equal("negative", (await chat.StateAsync()).LastSentiment);
    }

    [Fact]
    public async Task A_message_naming_nothing_of_the_shop_is_read_once()
    {
        const string football = "who won the football match yesterday";
        var nlu = NewScript().Reads(football, Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(football)).Says("I'm the shop's assistant");
        Assert.Equal([football], nlu.Classified);
    }

    [Fact]
    public async Task A_long_message_is_not_read_again()
    {
        var complaint = Question + " " + string.Join(' ', Enumerable.Repeat("and I have been waiting for an answer for weeks", 5));
        Assert.True(complaint.Length > 200);
        var nlu = NewScript().Reads(complaint, Reading.OffTopic(0.7));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync(complaint)).Says("I'm the shop's assistant");
        Assert.Equal([complaint], nlu.Classified);
    }

    [Fact]
    public async Task Inside_a_dialog_there_is_no_second_reading_and_the_answer_fills_the_slot()
    {
        var nlu = NewScript().Reads("what's the price", Reading.Of("price_inquiry", 0.95)).Reads("the Ferro pan", Reading.OffTopic(0.9));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("what's the price")).Says("Which product");
        (await chat.SayAsync("the Ferro pan")).Says("Ferro", "costs").DoesNotSay("Which product", "I'm the shop's assistant");
        Assert.Equal(["what's the price", "the Ferro pan"], nlu.Classified);
        Assert.Equal("price_inquiry", (await chat.StateAsync()).RecentIntents[^1]);
    }
}
