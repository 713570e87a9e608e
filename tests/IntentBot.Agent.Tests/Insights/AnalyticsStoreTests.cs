using IntentBot.Agent.Insights;

namespace IntentBot.Agent.Tests.Insights;

/// <summary>What every analytics store does, run against the embedded one and a real redis-server.</summary>
public abstract class AnalyticsStoreContract
{
    protected static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    protected abstract IAnalyticsStore Create(TimeSpan retention, TimeProvider clock);

    private static Dictionary<DateTimeOffset, Dictionary<string, long>> Batch(params (DateTimeOffset Hour, string Field, long N)[] adds) =>
        adds.GroupBy(a => a.Hour).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.Field, a => a.N));

    [Fact]
    public async Task Batches_add_up_per_hour_and_a_read_returns_only_the_hours_asked_for()
    {
        var clock = new ManualClock(Nine.AddHours(3));
        var store = Create(TimeSpan.FromDays(90), clock);
        await store.AddAsync(Batch((Nine, "turns", 3), (Nine, "intent:track_order", 2), (Nine.AddHours(1), "turns", 1)));
        await store.AddAsync(Batch((Nine, "turns", 4), (Nine.AddHours(2), "turns", 5)));

        var all = await store.ReadAsync(Nine, Nine.AddHours(3));
        Assert.Equal([Nine, Nine.AddHours(1), Nine.AddHours(2)], all.Select(b => b.Hour));
        Assert.Equal(7, all[0]["turns"]);
        Assert.Equal(2, all[0]["intent:track_order"]);
        Assert.Equal(0, all[0]["handoffs"]);

        // From inside the 9 o'clock hour up to the start of 11: the 9 and 10 o'clock buckets.
        var part = await store.ReadAsync(Nine.AddMinutes(30), Nine.AddHours(2));
        Assert.Equal([Nine, Nine.AddHours(1)], part.Select(b => b.Hour));
    }

    [Fact]
    public async Task A_bucket_older_than_the_retention_is_gone()
    {
        var clock = new ManualClock(Nine.AddMinutes(10));
        var store = Create(TimeSpan.FromDays(2), clock);
        await store.AddAsync(Batch((Nine, "turns", 1)));
        Assert.Single(await store.ReadAsync(Nine, Nine.AddHours(1)));

        clock.Now = Nine.AddDays(3);
        await ExpireAsync();
        await store.AddAsync(Batch((Nine.AddDays(3), "turns", 1)));
        Assert.Empty(await store.ReadAsync(Nine, Nine.AddHours(1)));
    }

    /// <summary>Lets the store's own expiry act (Redis: the keys' TTL, which the test shortens to the simulated age).</summary>
    protected virtual Task ExpireAsync() => Task.CompletedTask;
}

public sealed class InMemoryAnalyticsStoreTests : AnalyticsStoreContract
{
    protected override IAnalyticsStore Create(TimeSpan retention, TimeProvider clock) => new InMemoryAnalyticsStore(retention, clock);
}

public sealed class RedisAnalyticsStoreTests(RedisServer redis) : AnalyticsStoreContract, IClassFixture<RedisServer>
{
    private readonly string _prefix = "analytics" + Guid.NewGuid().ToString("N")[..6];

    protected override IAnalyticsStore Create(TimeSpan retention, TimeProvider clock) =>
        new RedisAnalyticsStore(redis.Connection, _prefix, retention, TimeSpan.FromSeconds(2), clock);

    protected override async Task ExpireAsync()
    {
        // Redis keeps real time: each hour key's TTL must be at most the retention past its hour; the test checks
        // that bound, then lets the key expire as it would after that time.
        var db = redis.Connection.GetDatabase();
        foreach (var key in redis.AllKeys().Where(k => k.StartsWith(_prefix + ":insights:h:", StringComparison.Ordinal)))
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
            await db.KeyDeleteAsync(key);
        }
    }

    [Fact]
    public async Task Two_instances_add_to_the_same_counts()
    {
        var clock = new ManualClock(Nine);
        var one = Create(TimeSpan.FromDays(90), clock);
        var two = Create(TimeSpan.FromDays(90), clock);
        await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? one : two).AddAsync(new Dictionary<DateTimeOffset, Dictionary<string, long>>
            {
                [Nine] = new() { ["turns"] = 1 },
            })));
        Assert.Equal(20, Assert.Single(await one.ReadAsync(Nine, Nine.AddHours(1)))["turns"]);
    }
}
