using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Tests;

/// <summary>
/// The whole conversation store contract on a real three-master Redis Cluster: each turn's save (conversation,
/// profile, index) and each erasure is one Lua script over keys of one slot, which the cluster accepts only
/// because every key of a user carries the user's hash tag.
/// </summary>
public sealed class ClusterConversationStoreTests(RedisClusterFixture redis) : ConversationStoreContract, IClassFixture<RedisClusterFixture>
{
    /// <summary>
    /// Six Redis processes share the CI machine's cores with the tests: the contract is about behaviour, not latency, so
    /// a slow answer under load must not fail it (the fault tests keep the product's short timeouts).
    /// </summary>
    internal static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(15);

    private readonly RedisConversationStore _store = new(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = "cl", OperationTimeout = ClusterTimeout }));

    protected override IConversationStore Store => _store;

    [Fact]
    public async Task Users_spread_over_all_three_masters_and_erasure_leaves_no_key_on_any()
    {
        // Random ids miss a master about once in 40 runs of 12, so users are added until every master has some.
        var masterOf = (string user) => redis.Cluster.MasterPortOf(new RedisKeys("cl").Profile(user));
        var users = new List<string>();
        while (users.Count < 12 || users.Select(masterOf).Distinct().Count() < 3) users.Add(NewId("u"));
        foreach (var user in users)
            await _store.SaveTurnAsync(Conversation(user, NewId("c")), 0, new State.UserProfile { UserId = user, Email = "x@example.com" }, 0);
        var saved = await redis.Cluster.AllKeysAsync();
        Assert.All(users, u => Assert.Contains(saved, k => k.Contains(u, StringComparison.Ordinal)));

        foreach (var user in users) await _store.DeleteUserAsync(user);

        var keys = await redis.Cluster.AllKeysAsync();
        Assert.DoesNotContain(keys, k => users.Any(u => k.Contains(u, StringComparison.Ordinal)));
    }
}

/// <summary>The whole conversation store contract through Sentinel (the client asks the sentinels for the master).</summary>
public sealed class SentinelConversationStoreTests(RedisSentinelFixture redis) : ConversationStoreContract, IClassFixture<RedisSentinelFixture>
{
    private readonly RedisConversationStore _store = new(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = "se", OperationTimeout = ClusterConversationStoreTests.ClusterTimeout }));

    protected override IConversationStore Store => _store;
}
