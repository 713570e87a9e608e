using IntentBot.Context.Behaviour;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Context.Tests.Behaviour;

public sealed class RedisBehaviourStoreTests(RedisServer redis) : BehaviourStoreContract, IClassFixture<RedisServer>
{
    private const string Prefix = "bhtest";

    protected override IBehaviourStore CreateStore(BehaviourOptions options, TimeProvider clock) =>
        new RedisBehaviourStore(redis.Connection, Options.Create(new ContextOptions { KeyPrefix = Prefix }), Options.Create(options), clock);

    private IDatabase Db => redis.Connection.GetDatabase();

    [Fact]
    public async Task Erasure_leaves_no_key_and_no_feed_entry_naming_the_user()
    {
        var user = NewId("u");
        await Store.AppendAsync(
        [
            Event(user, "s1", "search", query: "gift for " + user, second: 1),
            Event(user, "s1", "view", "p1", 5m, category: "c", dwell: 3, second: 2),
            Event(user, "s2", "add_to_cart", "p1", 5m, second: 3),
        ]);
        await Store.RecordChatTurnAsync(user, "s3", "greeting", 0.9f, "positive", DateTimeOffset.UtcNow);
        var userKeys = redis.AllKeys().Where(k => k.Contains(user, StringComparison.Ordinal)).ToList();
        Assert.True(userKeys.Count >= 10, string.Join(", ", userKeys)); // aggregates, lists, stream, seen ids, sessions, session keys

        await Store.DeleteUserAsync(user);

        Assert.DoesNotContain(redis.AllKeys(), k => k.Contains(user, StringComparison.Ordinal));
        // The shop-wide feed got the events, but nothing that names the user, the session or the search.
        var feed = await Db.StreamRangeAsync(new RedisKeys(Prefix).EventFeed());
        Assert.NotEmpty(feed);
        Assert.DoesNotContain(feed.SelectMany(e => e.Values), v => ((string)v.Value!).Contains(user, StringComparison.Ordinal) || v.Value == "s1");
    }

    [Fact]
    public async Task Every_key_of_a_user_is_in_one_cluster_slot()
    {
        var user = "a}b{c:" + NewId("u");
        await Store.AppendAsync([Event(user, "s1", "view", "p1", 1m, category: "c"), Event(user, "s:2", "add_to_cart", "p1", 1m)]);
        await Store.RecordChatTurnAsync(user, "s1", "greeting", 0.9f, "positive", DateTimeOffset.UtcNow);
        var tag = RedisKeys.Tag(user);
        var keys = redis.AllKeys().Where(k => k.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count >= 10);
        Assert.Single(keys.Select(ClusterSlot.Of).Distinct());
    }

    [Fact]
    public async Task Keys_carry_retention_ttls()
    {
        var (user, session) = (NewId("u"), NewId("s"));
        await Store.AppendAsync([Event(user, session, "view", "p1", 1m, category: "c")]);
        var keys = new RedisKeys(Prefix);
        Assert.InRange((await Db.KeyTimeToLiveAsync(keys.Behaviour(user)))!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.InRange((await Db.KeyTimeToLiveAsync(keys.BehaviourEvents(user)))!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.InRange((await Db.KeyTimeToLiveAsync(keys.BehaviourSeenIds(user)))!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.InRange((await Db.KeyTimeToLiveAsync(keys.Session(user, session)))!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromDays(1));
        Assert.InRange((await Db.KeyTimeToLiveAsync(keys.SessionRecent(user, AggregateUpdate.ProductsList, session)))!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromDays(1));
        foreach (var key in redis.AllKeys().Where(k => k.Contains(user, StringComparison.Ordinal)))
            Assert.NotNull(await Db.KeyTimeToLiveAsync(key)); // nothing of a user lives forever
    }

    [Fact]
    public async Task Streams_and_seen_ids_stay_bounded()
    {
        var store = CreateStore(new BehaviourOptions { MaxEventsPerUser = 10, MaxDeduplicatedIdsPerUser = 100, GlobalStreamMaxLength = 50 }, Clock);
        var user = NewId("u");
        for (var batch = 0; batch < 10; batch++)
            await store.AppendAsync(Enumerable.Range(0, 100).Select(i => Event(user, "s", "view", $"p{i}")).ToList());
        var keys = new RedisKeys(Prefix);
        // MAXLEN ~ trims whole stream nodes (100 entries each by default), so "about the cap" means at most a node more.
        Assert.InRange(await Db.StreamLengthAsync(keys.BehaviourEvents(user)), 10, 10 + 100);
        Assert.InRange(await Db.StreamLengthAsync(keys.EventFeed()), 50, 50 + 100);
        Assert.Equal(100, await Db.SortedSetLengthAsync(keys.BehaviourSeenIds(user)));
        Assert.Equal(1000, (await store.GetContextAsync(user))!.User.Events);
    }

    [Fact]
    public async Task An_unreachable_redis_fails_fast_with_store_unavailable()
    {
        var options = Options.Create(new ContextOptions { OperationTimeout = TimeSpan.FromMilliseconds(300) });
        await using var dead = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var store = new RedisBehaviourStore(dead, options, Options.Create(new BehaviourOptions()), TimeProvider.System);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AppendAsync([Event("u", "s", "view", "p1")]));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.RecordChatTurnAsync("u", "s", "greeting", 0.5f, "neutral", DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetContextAsync("u"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.DeleteUserAsync("u"));
    }
}
