using IntentBot.Agent.Insights;

namespace IntentBot.Agent.Tests.Insights;

/// <summary>What every review store does, run against the embedded one and a real redis-server.</summary>
public abstract class ReviewStoreContract
{
    protected static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    protected abstract IReviewStore Create(TimeSpan retention, int maxItems, TimeProvider clock);

    protected static ReviewItem Item(string id, string userId, DateTimeOffset at, string text = "do you sell gift cards") =>
        new(id, at, userId, "conv-" + userId, text, ReviewSources.OutOfScope, "out_of_scope", 0.7f, true, "neutral",
            [new WordInfluence("gift", 0.2f, 0f)]) { Embedding = [0.6f, 0.8f] };

    [Fact]
    public async Task Items_are_listed_newest_first_and_a_decision_is_kept()
    {
        var clock = new ManualClock(Nine.AddHours(1));
        var store = Create(TimeSpan.FromDays(30), 100, clock);
        await store.AddAsync([Item("a", "u1", Nine), Item("b", "u2", Nine.AddMinutes(5)), Item("c", "u1", Nine.AddMinutes(10))]);

        Assert.Equal(["c", "b", "a"], (await store.ListAsync(null, 10)).Select(i => i.Id));
        Assert.Equal(["c", "b"], (await store.ListAsync(ReviewStatuses.Open, 2)).Select(i => i.Id));
        var b = (await store.GetAsync("b"))!;
        Assert.Equal([0.6f, 0.8f], b.Embedding!);
        Assert.Equal("gift", Assert.Single(b.Explanation).Word);

        Assert.True(await store.UpdateAsync(b with { Status = ReviewStatuses.Corrected, Label = "product_inquiry", Reviewer = "Maria" }));
        Assert.Equal(["b"], (await store.ListAsync(ReviewStatuses.Corrected, 10)).Select(i => i.Id));
        Assert.Equal(["c", "a"], (await store.ListAsync(ReviewStatuses.Open, 10)).Select(i => i.Id));
        Assert.False(await store.UpdateAsync(Item("never", "u3", Nine)));
        Assert.Null(await store.GetAsync("never"));
    }

    [Fact]
    public async Task Erasing_a_user_removes_only_their_items()
    {
        var store = Create(TimeSpan.FromDays(30), 100, new ManualClock(Nine.AddHours(1)));
        await store.AddAsync([Item("a", "u1", Nine), Item("b", "u2", Nine), Item("c", "u1", Nine)]);
        await store.EraseUserAsync("u1", []);
        await store.EraseUserAsync("u1", []); // idempotent
        Assert.Equal(["b"], (await store.ListAsync(null, 10)).Select(i => i.Id));
        Assert.Null(await store.GetAsync("a"));
    }

    [Fact]
    public async Task Past_the_cap_the_oldest_go_and_past_the_retention_all_go()
    {
        var clock = new ManualClock(Nine.AddHours(1));
        var store = Create(TimeSpan.FromDays(1), 3, clock);
        await store.AddAsync([.. Enumerable.Range(0, 5).Select(i => Item("i" + i, "u1", Nine.AddMinutes(i)))]);
        Assert.Equal(["i4", "i3", "i2"], (await store.ListAsync(null, 10)).Select(i => i.Id));

        clock.Now = Nine.AddDays(2);
        await ExpireAsync();
        Assert.Empty(await store.ListAsync(null, 10));
    }

    protected virtual Task ExpireAsync() => Task.CompletedTask;
}

public sealed class InMemoryReviewStoreTests : ReviewStoreContract
{
    protected override IReviewStore Create(TimeSpan retention, int maxItems, TimeProvider clock) => new InMemoryReviewStore(retention, maxItems, clock);
}

public sealed class RedisReviewStoreTests(RedisServer redis) : ReviewStoreContract, IClassFixture<RedisServer>
{
    private readonly string _prefix = "review" + Guid.NewGuid().ToString("N")[..6];

    protected override IReviewStore Create(TimeSpan retention, int maxItems, TimeProvider clock) =>
        new RedisReviewStore(redis.Connection, _prefix, retention, maxItems, TimeSpan.FromSeconds(2), clock);

    protected override async Task ExpireAsync()
    {
        // Each item key expires a retention after the item (checked), as Redis would do after that time.
        var db = redis.Connection.GetDatabase();
        foreach (var key in redis.AllKeys().Where(k => k.StartsWith(_prefix + ":review:i:", StringComparison.Ordinal)))
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.True(ttl <= TimeSpan.FromDays(1), $"{key} lives {ttl}");
            await db.KeyDeleteAsync(key);
        }
    }

    [Fact]
    public async Task Erasure_leaves_no_key_naming_the_user()
    {
        var store = Create(TimeSpan.FromDays(30), 100, new ManualClock(Nine));
        await store.AddAsync([Item("a", "erase-me", Nine), Item("b", "keep-me", Nine)]);
        await store.EraseUserAsync("erase-me", []);
        var values = redis.AllKeys().Where(k => k.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(values, k => k.Contains("erase-me", StringComparison.Ordinal));
        Assert.Contains(values, k => k.Contains("keep-me", StringComparison.Ordinal));
    }
}
