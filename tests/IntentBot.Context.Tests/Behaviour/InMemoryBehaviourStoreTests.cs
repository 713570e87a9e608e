using IntentBot.Context.Behaviour;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Tests.Behaviour;

public sealed class InMemoryBehaviourStoreTests : BehaviourStoreContract
{
    protected override IBehaviourStore CreateStore(BehaviourOptions options, TimeProvider clock) =>
        new InMemoryBehaviourStore(Options.Create(options), clock);

    [Fact]
    public async Task Behaviour_expires_after_its_retention_and_sessions_sooner()
    {
        var store = CreateStore(new BehaviourOptions { EventRetention = TimeSpan.FromDays(2), SessionRetention = TimeSpan.FromHours(1) }, Clock);
        await store.AppendAsync([Event("u", "s", "view", "p1")]);
        Clock.Advance(TimeSpan.FromMinutes(61));
        var context = (await store.GetContextAsync("u"))!;
        Assert.Null(context.Session);
        Assert.Equal(1, context.User.Events);
        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Null(await store.GetContextAsync("u"));
    }

    [Fact]
    public async Task A_timer_sweeps_expired_users_that_nobody_reads_again()
    {
        var options = new BehaviourOptions { EventRetention = TimeSpan.FromHours(2), SessionRetention = TimeSpan.FromHours(1), EmbeddedSweepInterval = TimeSpan.FromMilliseconds(50) };
        using var store = new InMemoryBehaviourStore(Options.Create(options), Clock);
        await store.AppendAsync([.. Enumerable.Range(0, 100).Select(i => Event($"visitor-{i}", "s", "view", "p1"))]);
        Assert.Equal(100, store.Count);

        Clock.Advance(TimeSpan.FromMinutes(90));
        await Task.Delay(300);
        Assert.Equal(100, store.Count);   // sessions expired, users not yet
        Clock.Advance(TimeSpan.FromHours(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep did not run");
            await Task.Delay(20);
        }
    }
}
