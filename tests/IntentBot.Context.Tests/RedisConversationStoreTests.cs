using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Context.Tests;

public sealed class RedisConversationStoreTests(RedisServer redis) : ConversationStoreContract, IClassFixture<RedisServer>
{
    private readonly RedisConversationStore _store = new(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = "test" }));

    protected override IConversationStore Store => _store;

    [Fact]
    public async Task Erasure_leaves_no_key_of_the_user_in_redis()
    {
        var user = NewId("u");
        for (var i = 0; i < 3; i++) await _store.SaveTurnAsync(Conversation(user, NewId("c")), 0, null, 0);
        await _store.SaveTurnAsync(Conversation(user, NewId("c")), 0, new State.UserProfile { UserId = user, Email = "x@example.com" }, 0);
        Assert.Contains(redis.AllKeys(), k => k.Contains(user, StringComparison.Ordinal));

        await _store.DeleteUserAsync(user);

        Assert.DoesNotContain(redis.AllKeys(), k => k.Contains(user, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_carry_retention_ttls()
    {
        var (user, conv) = (NewId("u"), NewId("c"));
        await _store.SaveTurnAsync(Conversation(user, conv), 0, new State.UserProfile { UserId = user }, 0);
        var keys = new RedisKeys("test");
        var db = redis.Connection.GetDatabase();
        var conversationTtl = await db.KeyTimeToLiveAsync(keys.Conversation(user, conv));
        var profileTtl = await db.KeyTimeToLiveAsync(keys.Profile(user));
        Assert.InRange(conversationTtl!.Value, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        Assert.InRange(profileTtl!.Value, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90));
    }

    [Fact]
    public async Task A_save_that_no_replica_confirms_is_refused_and_the_retry_finds_it_saved()
    {
        // This server has no replica, so WAIT 1 can only time out: the save is on the master but not acknowledged.
        // WAIT gets half the operation timeout; the other half must cover the script on a busy CI machine (400 ms did not).
        var waiting = new RedisConversationStore(redis.Connection, Options.Create(new ContextOptions
        {
            KeyPrefix = "test", OperationTimeout = TimeSpan.FromSeconds(3), ReplicaAcknowledgements = 1,
        }));
        var (user, conv) = (NewId("u"), NewId("c"));

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => waiting.SaveTurnAsync(Conversation(user, conv), 0, null, 0));

        Assert.Contains("0 of the 1 replicas", refused.Message, StringComparison.Ordinal);
        var stored = await _store.GetConversationAsync(user, conv);
        Assert.Equal(1, stored?.Version);
    }

    [Fact]
    public void All_keys_of_a_user_hash_to_one_cluster_slot()
    {
        var keys = new RedisKeys("intentbot");
        foreach (var user in new[] { "42", "a}b{c", "user:with:colons", "用户" })
        {
            var slots = new[] { keys.Conversation(user, "c1"), keys.Conversation(user, "c2"), keys.Profile(user), keys.ConversationIndex(user) }
                .Select(k => ClusterSlot.Of(k)).Distinct().ToList();
            Assert.Single(slots);
        }
        Assert.NotEqual(ClusterSlot.Of(keys.Profile("alice")), ClusterSlot.Of(keys.Profile("bob")));
    }

    [Fact]
    public void Slot_rule_matches_the_cluster_specification()
    {
        Assert.Equal(12182, ClusterSlot.Of("foo"));                      // CLUSTER KEYSLOT foo
        Assert.Equal(0x31C3, ClusterSlot.Of("123456789"));               // the CRC16/XMODEM check value
        Assert.Equal(ClusterSlot.Of("user1000"), ClusterSlot.Of("{user1000}.following")); // the spec's hash-tag example
        Assert.Equal(ClusterSlot.Of("{user1000}.followers"), ClusterSlot.Of("{user1000}.following"));
        Assert.Equal(ClusterSlot.Of("a{}b"), ClusterSlot.Of("a{}b"));    // empty tag: the whole key is hashed
        Assert.NotEqual(ClusterSlot.Of("{}x"), ClusterSlot.Of("{}y"));
    }

    [Fact]
    public async Task An_unreachable_redis_fails_fast_with_store_unavailable()
    {
        var options = Options.Create(new ContextOptions { OperationTimeout = TimeSpan.FromMilliseconds(300) });
        await using var dead = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var store = new RedisConversationStore(dead, options);
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetConversationAsync("u", "c"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveTurnAsync(Conversation("u", "c"), 0, null, 0));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "store calls must be bounded, not hang");
    }
}
