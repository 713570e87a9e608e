using IntentBot.Context.Behaviour;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Tests.Behaviour;

/// <summary>
/// The whole behaviour store contract on a real three-master Redis Cluster: a batch spanning several users runs
/// one script per user (each over that user's slot) plus the shop-wide feed, which lives in a slot of its own.
/// </summary>
public sealed class ClusterBehaviourStoreTests(RedisClusterFixture redis) : BehaviourStoreContract, IClassFixture<RedisClusterFixture>
{
    protected override IBehaviourStore CreateStore(BehaviourOptions options, TimeProvider clock) =>
        new RedisBehaviourStore(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = "clbh", OperationTimeout = ClusterConversationStoreTests.ClusterTimeout }), Options.Create(options), clock);

    [Fact]
    public async Task Erasure_leaves_no_key_of_the_user_on_any_master()
    {
        var user = NewId("u");
        await Store.AppendAsync([Event(user, "s1", "view", "p1", 5m, category: "c", second: 1), Event(user, "s2", "add_to_cart", "p1", 5m, second: 2)]);
        await Store.RecordChatTurnAsync(user, "s3", "greeting", 0.9f, "positive", DateTimeOffset.UtcNow);
        Assert.Contains(await redis.Cluster.AllKeysAsync(), k => k.Contains(user, StringComparison.Ordinal));

        await Store.DeleteUserAsync(user);

        Assert.DoesNotContain(await redis.Cluster.AllKeysAsync(), k => k.Contains(user, StringComparison.Ordinal));
    }
}

/// <summary>The whole behaviour store contract through Sentinel.</summary>
public sealed class SentinelBehaviourStoreTests(RedisSentinelFixture redis) : BehaviourStoreContract, IClassFixture<RedisSentinelFixture>
{
    protected override IBehaviourStore CreateStore(BehaviourOptions options, TimeProvider clock) =>
        new RedisBehaviourStore(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = "sebh", OperationTimeout = ClusterConversationStoreTests.ClusterTimeout }), Options.Create(options), clock);
}
