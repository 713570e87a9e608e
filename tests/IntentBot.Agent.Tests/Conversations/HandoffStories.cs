using System.Text.Json;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Negative sentiment, frustration, complaints and the human handoff / handback cycle.</summary>
public sealed class HandoffStories
{
    [Fact]
    public async Task Asking_for_a_person_hands_off_the_bot_stays_silent_until_handed_back()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        await chat.SayAsync("where is my order W100001");
        var reply = await chat.SayAsync("I want to talk to a person");
        reply.Says("connecting you with a member of our team");

        var handoff = reply.Event("handoff");
        Assert.NotNull(handoff);
        Assert.Equal("requested", handoff.Value!.Value.GetProperty("reason").GetString());
        var transcript = handoff.Value.Value.GetProperty("transcript").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("customer: where is my order W100001", transcript);
        Assert.Contains("customer: I want to talk to a person", transcript);

        var queued = Assert.Single(await harness.Handoffs.ListOpenAsync());
        Assert.Equal(chat.ConversationId, queued.ConversationId);
        Assert.Equal("c1001", queued.UserId);
        Assert.True((await chat.StateAsync()).HandedOff);

        // A person owns the conversation now: the bot says nothing.
        Assert.Empty((await chat.SayAsync("hello?")).Activities);
        Assert.Equal("customer: hello?", Assert.Single(await harness.Handoffs.ListOpenAsync()).Transcript[^1]);

        var closed = await harness.Handback.HandBackAsync(chat.ConversationId, CancellationToken.None);
        Assert.NotNull(closed);
        Assert.False((await chat.StateAsync()).HandedOff);
        Assert.Empty(await harness.Handoffs.ListOpenAsync());
        (await chat.SayAsync("hello")).Says("How can I help");
        Assert.Null(await harness.Handback.HandBackAsync(chat.ConversationId, CancellationToken.None));
    }

    /// <summary>Read as a model might: out of scope, and surely negative (the gate itself: Rules/SentimentGateTests).</summary>
    private static ScriptedClassifier Frustrated() => Scripted.NewScript()
        .Reads(Angry, Reading.OffTopic(0.8).Negative(0.9))
        .Reads("what payment methods do you accept", Reading.Of("check_payment_methods", 0.95));

    private const string Angry = "you are useless, I hate this";

    [Fact]
    public async Task Negative_sentiment_gets_an_empathetic_answer_and_the_offer_of_a_person()
    {
        var chat = AgentHarness.Create(classifier: Frustrated()).Start("c1001");
        (await chat.SayAsync(Angry))
            .Says("I'm sorry about this", "talk to a person").Offers("Talk to a person");
        var profile = await AgentHarnessProfile(chat);
        Assert.Equal(1, profile);
    }

    [Fact]
    public async Task Repeated_frustration_hands_off_with_the_reason()
    {
        var harness = AgentHarness.Create(classifier: Frustrated());
        var chat = harness.Start("c1001");
        (await chat.SayAsync(Angry)).Says("I'm sorry");
        (await chat.SayAsync(Angry)).Says("I'm sorry");
        var reply = await chat.SayAsync(Angry);
        reply.Says("passing you to a member of our team");
        Assert.Equal("frustration", reply.Event("handoff")!.Value!.Value.GetProperty("reason").GetString());
        Assert.Equal("frustration", Assert.Single(await harness.Handoffs.ListOpenAsync()).Reason);
    }

    [Fact]
    public async Task A_neutral_turn_resets_the_frustration_streak()
    {
        var chat = AgentHarness.Create(classifier: Frustrated()).Start("c1001");
        await chat.SayAsync(Angry);
        await chat.SayAsync(Angry);
        await chat.SayAsync("what payment methods do you accept");
        Assert.Equal(0, await AgentHarnessProfile(chat));
        (await chat.SayAsync(Angry)).Says("I'm sorry").DoesNotSay("passing you");
    }

    [Fact]
    public async Task Complaint_collects_the_details_then_hands_off()
    {
        var harness = AgentHarness.Create();
        var chat = harness.Start("c1001");
        (await chat.SayAsync("I want to make a complaint about your service")).Says("what happened");
        var reply = await chat.SayAsync("The parcel for W100001 came two weeks late and the box was crushed");
        reply.Says("passing your complaint");
        var record = Assert.Single(await harness.Handoffs.ListOpenAsync());
        Assert.Equal("escalation", record.Reason);
        Assert.Contains(record.Transcript, l => l.Contains("box was crushed", StringComparison.Ordinal));
    }

    private static async Task<int> AgentHarnessProfile(Conversation chat) =>
        (await chat.ProfileAsync()).FrustrationStreak;
}
