using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Tests;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract, IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryConversationStore _store;

    public InMemoryConversationStoreTests() =>
        _store = new InMemoryConversationStore(Options.Create(new ContextOptions { ConversationRetention = TimeSpan.FromHours(1) }), _clock);

    protected override IConversationStore Store => _store;

    public void Dispose() => _store.Dispose();

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

    [Fact]
    public async Task A_timer_sweeps_expired_entries_that_nobody_reads_again()
    {
        var options = new ContextOptions { ConversationRetention = TimeSpan.FromHours(1), ProfileRetention = TimeSpan.FromHours(2), EmbeddedSweepInterval = TimeSpan.FromMilliseconds(50) };
        using var store = new InMemoryConversationStore(Options.Create(options), _clock);
        for (var i = 0; i < 100; i++)
            await store.SaveTurnAsync(Conversation($"visitor-{i}", "c"), 0, new IntentBot.Context.State.UserProfile { UserId = $"visitor-{i}" }, 0);
        await store.SaveTurnAsync(Conversation("regular", "c"), 0, null, 0);
        Assert.Equal(201, store.Count);

        _clock.Advance(TimeSpan.FromMinutes(90));   // conversations expired, profiles not yet
        await WaitUntilAsync(() => store.Count == 100);
        _clock.Advance(TimeSpan.FromHours(1));
        await WaitUntilAsync(() => store.Count == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep did not run");
            await Task.Delay(20);
        }
    }
}
