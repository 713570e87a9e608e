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
}
