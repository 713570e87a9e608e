using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Tests;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    private readonly ManualClock _clock = new();
    private readonly InMemoryConversationStore _store;

    public InMemoryConversationStoreTests() =>
        _store = new InMemoryConversationStore(Options.Create(new ContextOptions { ConversationRetention = TimeSpan.FromHours(1) }), _clock);

    protected override IConversationStore Store => _store;

    [Fact]
    public async Task State_expires_after_its_retention()
    {
        await _store.SaveTurnAsync(Conversation("u", "c"), 0, null, 0);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await _store.GetConversationAsync("u", "c"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await _store.GetConversationAsync("u", "c"));
        Assert.True((await _store.SaveTurnAsync(Conversation("u", "c"), 0, null, 0)).Saved); // starts afresh at version 0
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
