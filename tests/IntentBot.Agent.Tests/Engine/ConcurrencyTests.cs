using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Context;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>Optimistic concurrency: a turn that loses the race is redone on fresh state, never overwriting.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_turn_that_conflicts_is_redone_on_fresh_state()
    {
        var real = new InMemoryConversationStore(Options.Create(new ContextOptions()), TimeProvider.System);
        var racing = new RacingStore(real, races: 2);
        var chat = AgentHarness.Create(store: racing).Start("c1001");

        (await chat.SayAsync("where is my order")).Says("order number");

        Assert.Equal(3, racing.SaveCalls); // two lost races, then the save that won
        var state = (await real.GetConversationAsync("c1001", chat.ConversationId))!;
        Assert.Equal("track_order", state.Value.ActiveDialog);
        // The concurrent writer's change survived and the turn was applied on top of it.
        Assert.Equal("other turn", state.Value.Slots["_racer"]);
        Assert.Equal(3, state.Value.TurnCount);
    }

    [Fact]
    public async Task A_turn_that_always_conflicts_fails_without_writing()
    {
        var real = new InMemoryConversationStore(Options.Create(new ContextOptions()), TimeProvider.System);
        var racing = new RacingStore(real, races: 100);
        var chat = AgentHarness.Create(store: racing, options: new AgentOptions { MaxSaveAttempts = 3 }).Start("c1001");
        await Assert.ThrowsAsync<ConcurrentTurnException>(() => chat.SayAsync("where is my order"));
        Assert.Equal(3, racing.SaveCalls);
        Assert.Null((await real.GetConversationAsync("c1001", chat.ConversationId))!.Value.ActiveDialog);
    }

    /// <summary>
    /// The real embedded store, with another turn on the same conversation landing just before each of the
    /// first <c>races</c> saves (what a second server or a double click does).
    /// </summary>
    private sealed class RacingStore(InMemoryConversationStore inner, int races) : IConversationStore
    {
        public int SaveCalls { get; private set; }

        public Task<Versioned<ConversationState>?> GetConversationAsync(string userId, string conversationId, CancellationToken cancellationToken = default) =>
            inner.GetConversationAsync(userId, conversationId, cancellationToken);

        public Task<Versioned<UserProfile>?> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
            inner.GetProfileAsync(userId, cancellationToken);

        public async Task<SaveResult> SaveTurnAsync(ConversationState conversation, long expectedConversationVersion, UserProfile? profile, long expectedProfileVersion, CancellationToken cancellationToken = default)
        {
            SaveCalls++;
            if (SaveCalls <= races)
            {
                var current = await inner.GetConversationAsync(conversation.UserId, conversation.ConversationId, cancellationToken);
                var state = current?.Value ?? new ConversationState { ConversationId = conversation.ConversationId, UserId = conversation.UserId };
                var slots = new Dictionary<string, string>(state.Slots) { ["_racer"] = "other turn" };
                var saved = await inner.SaveTurnAsync(state with { Slots = slots, TurnCount = state.TurnCount + 1 }, current?.Version ?? 0, null, 0, cancellationToken);
                Assert.True(saved.Saved);
            }
            return await inner.SaveTurnAsync(conversation, expectedConversationVersion, profile, expectedProfileVersion, cancellationToken);
        }

        public Task<IReadOnlyCollection<string>> ListConversationIdsAsync(string userId, CancellationToken cancellationToken = default) =>
            inner.ListConversationIdsAsync(userId, cancellationToken);

        public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) => inner.DeleteUserAsync(userId, cancellationToken);
    }
}

/// <summary>State written by an older release (a dialog or slot that no longer exists) must not break a conversation.</summary>
public sealed class StaleStateTests
{
    [Fact]
    public async Task An_unknown_active_dialog_and_pending_slot_are_recovered_from()
    {
        // Neither message may read as a new request: the recovered dialog must be the one asking.
        var nlu = Scripted.NewScript().Reads("I don't know", Reading.Of("contact_human_agent", 0.6)).Reads("W100001", Reading.Of("greeting", 0.3));
        var harness = AgentHarness.Create(classifier: nlu);
        var chat = harness.Start("c1001");
        await harness.Store.SaveTurnAsync(new ConversationState
        {
            ConversationId = chat.ConversationId,
            UserId = chat.UserId,
            ActiveDialog = "track_order",
            Slots = new Dictionary<string, string> { ["track_order._await"] = "orderNo" },
            SuspendedDialogs = ["retired_dialog"],
        }, 0, null, 0);

        (await chat.SayAsync("I don't know")).Says("What's your order number?");
        (await chat.SayAsync("W100001")).Says("DHL").DoesNotSay("back to");
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
    }
}
