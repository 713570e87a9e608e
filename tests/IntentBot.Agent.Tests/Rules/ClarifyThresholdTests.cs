using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Rules;

/// <summary><see cref="AgentOptions.ClarifyBelow"/>: an unsure reading gets a question back, a sure one its dialog.</summary>
public sealed class ClarifyThresholdTests
{
    private static Reading Order(double confidence) => Reading.Of("track_order", confidence).Or("cancel_order", 0.2).Or("change_order", 0.1);

    [Fact]
    public async Task Just_below_the_threshold_the_bot_asks_which_of_the_top_intents_was_meant()
    {
        var nlu = NewScript().Reads("order", Order(Defaults.ClarifyBelow - Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var reply = await chat.SayAsync("order");
        reply.Says("not sure I understood").Offers("Track an order", "Cancel an order", "Change an order").DoesNotSay("order number");
        Assert.Equal(3, reply.Suggestions.Count);
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.Equal("track_order", state.RecentIntents[^1]);
    }

    [Fact]
    public async Task Just_above_the_threshold_the_top_intent_is_answered()
    {
        var nlu = NewScript().Reads("order", Order(Defaults.ClarifyBelow + Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("order")).Says("order number").DoesNotSay("not sure I understood");
        Assert.Equal("track_order", (await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task The_threshold_comes_from_the_options()
    {
        var nlu = NewScript().Reads("order", Order(0.7));
        var chat = AgentHarness.Create(classifier: nlu, options: new AgentOptions { ClarifyBelow = 0.75 }).Start("c1001");
        (await chat.SayAsync("order")).Says("not sure I understood");
    }

    [Fact]
    public async Task The_out_of_scope_label_is_never_offered_as_a_choice()
    {
        var nlu = NewScript().Reads("hmm order", Reading.Of("track_order", 0.4).Or(ScriptedClassifier.OutOfScopeLabel, 0.35).Or("get_refund", 0.1));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        var reply = await chat.SayAsync("hmm order");
        reply.Says("not sure I understood").Offers("Track an order", "Return for a refund").DoesNotSay("Something else");
        Assert.DoesNotContain("Something else", reply.Suggestions);
    }
}
