using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Rules;

/// <summary>
/// <see cref="AgentOptions.NegativeAbove"/> and <see cref="AgentOptions.FrustrationHandoffStreak"/>: a confidently
/// negative turn gets empathy and the offer of a person; several in a row hand the conversation to a person.
/// </summary>
public sealed class SentimentGateTests
{
    private const string Angry = "you are useless, I hate this";
    private const string Calm = "what payment methods do you accept";

    private static Reading Angrily(double confidence) => Reading.OffTopic(0.8).Negative(confidence);

    private static ScriptedClassifier Script(double negative) =>
        NewScript().Reads(Angry, Angrily(negative)).Reads(Calm, Reading.Of("check_payment_methods", 0.95));

    [Fact]
    public async Task Just_above_the_gate_the_answer_is_empathetic_and_offers_a_person()
    {
        var chat = AgentHarness.Create(classifier: Script(Defaults.NegativeAbove + Margin)).Start("c1001");
        (await chat.SayAsync(Angry)).Says("I'm sorry about this", "talk to a person", "I'm the shop's assistant").Offers("Talk to a person");
        Assert.Equal(1, (await chat.ProfileAsync()).FrustrationStreak);
    }

    [Fact]
    public async Task Just_below_the_gate_the_answer_is_plain_and_the_streak_stays_at_zero()
    {
        var chat = AgentHarness.Create(classifier: Script(Defaults.NegativeAbove - Margin)).Start("c1001");
        (await chat.SayAsync(Angry)).Says("I'm the shop's assistant").DoesNotSay("I'm sorry about this");
        Assert.Equal(0, (await chat.ProfileAsync()).FrustrationStreak);
    }

    [Fact]
    public async Task Confident_praise_gets_no_empathy()
    {
        var nlu = NewScript().Reads("thank you so much, you're great", Reading.Of("thanks", 0.95).Positive(0.99));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("thank you so much, you're great")).Says("You're welcome").DoesNotSay("I'm sorry");
        Assert.Equal(0, (await chat.ProfileAsync()).FrustrationStreak);
    }

    [Fact]
    public async Task Negative_turns_below_the_gate_never_add_up_to_a_handoff()
    {
        var harness = AgentHarness.Create(classifier: Script(Defaults.NegativeAbove - Margin));
        var chat = harness.Start("c1001");
        for (var turn = 0; turn <= Defaults.FrustrationHandoffStreak; turn++)
            (await chat.SayAsync(Angry)).DoesNotSay("passing you");
        Assert.Empty(await harness.Handoffs.ListOpenAsync());
        Assert.False((await chat.StateAsync()).HandedOff);
    }

    [Fact]
    public async Task Frustration_wins_over_the_form_in_progress_and_the_streak_length_comes_from_the_options()
    {
        var nlu = Script(0.9).Reads("where is my order", Reading.Of("track_order", 0.95).Negative(0.9));
        var harness = AgentHarness.Create(classifier: nlu, options: new AgentOptions { FrustrationHandoffStreak = 2 });
        var chat = harness.Start("c1001");
        (await chat.SayAsync("where is my order")).Says("I'm sorry", "order number");
        (await chat.SayAsync(Angry)).Says("passing you to a member of our team").DoesNotSay("order number");
        var state = await chat.StateAsync();
        Assert.True(state.HandedOff);
        Assert.Null(state.ActiveDialog);
    }
}
