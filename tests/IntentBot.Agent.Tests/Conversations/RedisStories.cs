using IntentBot.Agent.Handoff;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Context;
using IntentBot.Context.Redis;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>The same agent on a real redis-server: state, profile and the handoff inbox live in Redis.</summary>
public sealed class RedisStories(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Interrupted_form_handoff_and_handback_on_redis()
    {
        var options = new ContextOptions { KeyPrefix = "agenttest" };
        var store = new RedisConversationStore(redis.Connection, Options.Create(options));
        var inbox = new RedisHandoffInbox(redis.Connection, options.KeyPrefix);
        // Scripted readings: this story is about where the state lives, not how a model reads the messages.
        var nlu = Scripted.NewScript()
            .Reads("where is my order", Reading.Of("track_order", 0.95))
            .Reads("what payment methods do you accept", Reading.Of("check_payment_methods", 0.95))
            .Reads("W100001", Reading.Of("greeting", 0.3))
            .Reads("I want to talk to a person", Reading.Of("contact_human_agent", 0.95))
            .Reads("hello?", Reading.Of("greeting", 0.9))
            .Reads("thank you so much", Reading.Of("thanks", 0.95).Positive(0.9));
        var harness = AgentHarness.Create(store: store, handoffs: inbox, classifier: nlu);
        var chat = harness.Start("c1001");

        (await chat.SayAsync("where is my order")).Says("order number");
        (await chat.SayAsync("what payment methods do you accept")).Says("PayPal", "Now, back to track an order");
        (await chat.SayAsync("W100001")).Says("DHL");
        (await chat.SayAsync("I want to talk to a person")).Says("connecting you");

        // A second agent instance (another server) sees the same state and queue.
        var other = AgentHarness.Create(store: store, handoffs: new RedisHandoffInbox(redis.Connection, options.KeyPrefix), classifier: nlu);
        Assert.Equal(chat.ConversationId, Assert.Single(await other.Handoffs.ListOpenAsync()).ConversationId);
        Assert.Contains(redis.AllKeys(), k => k == "agenttest:{handoffs}:events");
        var otherChat = new Conversation(other, chat.UserId, chat.ConversationId);
        Assert.Empty((await otherChat.SayAsync("hello?")).Activities);

        Assert.NotNull(await other.Handback.HandBackAsync(chat.ConversationId, CancellationToken.None));
        (await chat.SayAsync("thank you so much")).Says("You're welcome");
        var state = await chat.StateAsync();
        Assert.False(state.HandedOff);
        Assert.Equal(5, state.TurnCount); // the silent turn while handed off saves nothing
    }
}
