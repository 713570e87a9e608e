using System.Net;
using IntentBot.Context.Behaviour;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IntentBot.Server.Tests.Behaviour;

public sealed class BehaviourRedisApiTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });

    [Fact]
    public async Task Events_and_context_run_on_redis()
    {
        var client = _factory.CreateClient();
        Assert.IsNotType<InMemoryBehaviourStore>(_factory.Services.GetRequiredService<IBehaviourStore>());
        var response = await client.PostAsync("/api/v1/events", Events.Batch(
            Events.Event("redis-shopper", "view", "p1", 12.5m), Events.Event("redis-shopper", "add_to_cart", "p1", 12.5m, quantity: 3)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var context = await Events.ContextAsync(client, "redis-shopper");
        Assert.Equal(37.5m, (decimal)context["session"]!["cart"]!["value"]!);
        Assert.Equal("p1", (string)context["recentEvents"]![1]!["productId"]!);
    }

    [Fact]
    public async Task Deleting_a_user_leaves_no_key_or_feed_entry_of_theirs_in_redis()
    {
        const string user = "erase-me-too";
        var client = _factory.CreateClient();
        var conversations = _factory.Services.GetRequiredService<IConversationStore>();
        await conversations.SaveTurnAsync(new ConversationState { ConversationId = "c1", UserId = user }, 0, new UserProfile { UserId = user, Email = "e@example.com" }, 0);
        await client.PostAsync("/api/v1/events", Events.Batch(
            Events.Event(user, "search", query: "present for " + user, session: "web-1"),
            Events.Event(user, "view", "p1", 3m, session: "web-1", dwell: 9),
            Events.Event(user, "add_to_cart", "p1", 3m, session: "web-2"),
            Events.Event(user, "page_view", pageKind: "help", session: "web-2")));
        await _factory.Services.GetRequiredService<IBehaviourStore>().RecordChatTurnAsync(user, "c1", "complaint", 0.8f, "negative", DateTimeOffset.UtcNow);
        await client.PostAsync("/api/v1/events", Events.Batch(Events.Event("keep-me-too", "view", "p1")));
        Assert.True(redis.AllKeys().Count(k => k.Contains(user, StringComparison.Ordinal)) >= 15);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);

        Assert.DoesNotContain(redis.AllKeys(), k => k.Contains(user, StringComparison.Ordinal));
        Assert.Contains(redis.AllKeys(), k => k.Contains("keep-me-too", StringComparison.Ordinal));
        // Nothing anywhere in Redis still names the user: scan every value of every string, hash, list, set and stream.
        var db = redis.Connection.GetDatabase();
        foreach (var key in redis.AllKeys())
        {
            var values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [(string?)await db.StringGetAsync(key)],
                RedisType.Hash => (await db.HashGetAllAsync(key)).Select(e => (string?)e.Value),
                RedisType.List => (await db.ListRangeAsync(key)).Select(v => (string?)v),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(v => (string?)v),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => (string?)v),
                RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values).Select(v => (string?)v.Value),
                _ => [],
            };
            Assert.DoesNotContain(values, v => v?.Contains(user, StringComparison.Ordinal) == true);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{user}/context")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class BehaviourRedisOutageTests : IDisposable
{
    private readonly RedisNode _redis = RedisNode.StartStandalone();
    private readonly IntentBotFactory _factory;

    public BehaviourRedisOutageTests()
    {
        _factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString("abortConnect=false,connectTimeout=500,syncTimeout=1000,asyncTimeout=1000"),
            ["Context:OperationTimeout"] = "00:00:00.500",
        });
    }

    [Fact]
    public async Task Redis_down_gives_503_with_retry_after_classification_keeps_working_and_service_recovers()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/events", Events.Batch(Events.Event("outage-user", "view", "p1", id: "before")))).StatusCode);

        _redis.Kill();
        var post = await client.PostAsync("/api/v1/events", Events.Batch(Events.Event("outage-user", "add_to_cart", "p1", 5m, id: "during")));
        Assert.NotNull(post.Headers.RetryAfter);
        await BadInputTests.AssertProblemAsync(post, HttpStatusCode.ServiceUnavailable, "unavailable");
        var get = await client.GetAsync("/api/v1/users/outage-user/context");
        Assert.NotNull(get.Headers.RetryAfter);
        await BadInputTests.AssertProblemAsync(get, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"where is my order"}"""))).StatusCode);

        // Redis comes back empty (no persistence in this test); the client reconnects by itself and the
        // shop's retry of the refused batch is stored.
        _redis.Start();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage retry;
        while ((retry = await client.PostAsync("/api/v1/events", Events.Batch(Events.Event("outage-user", "add_to_cart", "p1", 5m, id: "during")))).StatusCode != HttpStatusCode.OK
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var context = await Events.ContextAsync(client, "outage-user");
        Assert.Equal(5m, (decimal)context["user"]!["cart"]!["value"]!);
        Assert.Equal(1, (int)context["user"]!["events"]!);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _redis.Dispose();
    }
}
