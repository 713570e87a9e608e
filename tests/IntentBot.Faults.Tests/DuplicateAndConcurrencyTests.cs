using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntentBot.Faults.Tests;

/// <summary>Redis, two IntentBot processes on it and a fake Bot Framework channel, shared by the tests of the class.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public IRedisDeployment Redis { get; private set; } = null!;
    public BotProcess A { get; private set; } = null!;
    public BotProcess B { get; private set; } = null!;
    public RecordingChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = StandaloneDeployment.Start();
        Channel = await RecordingChannel.StartAsync();
        var instances = await BotProcess.StartManyAsync(2, Redis.ConnectionString);
        (A, B) = (instances[0], instances[1]);
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        await Channel.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// At-least-once delivery meets exactly-once turns: a channel retry of the same activity is processed once,
/// also when both copies arrive at the same moment; parallel posts to one Direct Line conversation (on one
/// instance or spread over two) each become one turn, with no update lost.
/// </summary>
public sealed class DuplicateAndConcurrencyTests(TwoInstances servers) : IClassFixture<TwoInstances>
{
    private const string User = "29:dup-user";

    private JsonElement Activity(string conversation, string id, string text) => JsonSerializer.SerializeToElement(new
    {
        type = "message",
        id,
        timestamp = DateTimeOffset.UtcNow.ToString("O"),
        serviceUrl = servers.Channel.ServiceUrl,
        channelId = "emulator",
        from = new { id = User, name = "Customer" },
        recipient = new { id = "28:intentbot", name = "IntentBot" },
        conversation = new { id = conversation },
        text,
        locale = "en-US",
    });

    private static async Task<HttpStatusCode> PostAsync(BotProcess server, JsonElement activity)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/messages", activity);
        return response.StatusCode;
    }

    private List<(string ConversationId, string? ReplyToId, string? Text)> RepliesTo(string conversation, string id) =>
        servers.Channel.Replies.Where(r => r.ConversationId == conversation && r.ReplyToId == id).ToList();

    [Fact]
    public async Task A_bot_connector_activity_delivered_twice_is_processed_once()
    {
        var conversation = $"dup-{Guid.NewGuid():N}";

        // A retry after the first delivery was accepted (on another instance, as behind a load balancer),
        // then two copies at the same moment, on both instances.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(servers.A, Activity(conversation, "m-1", "where is my order")));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(servers.B, Activity(conversation, "m-1", "where is my order")));
        var statuses = await Task.WhenAll(
            PostAsync(servers.A, Activity(conversation, "m-2", "W100001")),
            PostAsync(servers.B, Activity(conversation, "m-2", "W100001")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted], statuses.Order());

        // The answer to m-2 is the order status: m-1's prompt was open exactly once when m-2 arrived.
        await RedisCrashTests.WaitUntilAsync(() => RepliesTo(conversation, "m-2").Count > 0, "the reply to m-2");
        Assert.Contains("W100001 is ", RepliesTo(conversation, "m-2")[0].Text, StringComparison.Ordinal);
        // A third, distinct activity (same instance as m-1, queued behind any stray duplicate turn) is the fence.
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(servers.A, Activity(conversation, "m-3", "thanks")));
        await RedisCrashTests.WaitUntilAsync(() => RepliesTo(conversation, "m-3").Count > 0, "the reply to m-3");

        Assert.Single(RepliesTo(conversation, "m-1"));
        var m2Replies = RepliesTo(conversation, "m-2");
        Assert.Equal(m2Replies.Count, m2Replies.DistinctBy(r => r.Text).Count()); // not answered twice
        var state = await servers.Redis.ConversationAsync(User, conversation);
        Assert.NotNull(state);
        Assert.Equal(3, state.TurnCount);
    }

    [Fact]
    public async Task Eight_parallel_posts_to_one_direct_line_conversation_are_eight_turns()
    {
        var dl = new DirectLineClient(servers.A.Http);
        var (conversation, _) = await dl.StartAsync("parallel-user");

        var posts = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => dl.PostAsync(conversation, "parallel-user", $"message {i}: hi")));

        await AssertEightTurnsAsync(dl, conversation, "parallel-user", posts);
    }

    [Fact]
    public async Task Eight_parallel_posts_spread_over_two_instances_lose_no_update()
    {
        // Across instances only the agent's optimistic state versions keep turns apart (each instance
        // serialises its own posts): a conflicting save is retried on fresh state, never overwrites.
        var onA = new DirectLineClient(servers.A.Http);
        var onB = new DirectLineClient(servers.B.Http);
        var (conversation, _) = await onA.StartAsync("spread-user");

        var posts = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            (i % 2 == 0 ? onA : onB).PostAsync(conversation, "spread-user", $"message {i}: thanks")));

        await AssertEightTurnsAsync(onB, conversation, "spread-user", posts);
    }

    private async Task AssertEightTurnsAsync(DirectLineClient dl, string conversation, string user, (HttpStatusCode Status, string? Id)[] posts)
    {
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Equal(8, posts.Select(p => p.Id).Distinct().Count());

        var (activities, watermark) = await dl.ActivitiesAsync(conversation);
        Assert.Equal(8, activities.Count(a => !DirectLineClient.FromBot(a)));
        RedisCrashTests.AssertTurnsPresent(activities, posts.Select(p => p.Id!));
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);

        var state = await servers.Redis.ConversationAsync(user, conversation);
        Assert.NotNull(state);
        Assert.Equal(8, state.TurnCount);
    }
}
