using System.Net;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>Two app instances on one Redis: a WebSocket on instance B sees what is posted through instance A.</summary>
public sealed class DirectLineScaleOutTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task A_stream_on_instance_b_delivers_activities_posted_through_instance_a()
    {
        await using var connectionB = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var a = await DirectLineHost.StartAsync(redis: redis.Connection);
        await using var b = await DirectLineHost.StartAsync(redis: connectionB);

        var started = await a.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString()!;
        var token = started.GetProperty("token").GetString();

        // The token (same signing key) works on B; B hands out a streamUrl to itself.
        var (reconnected, onB) = await b.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark=1", token);
        Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
        var streamUrl = onB.GetProperty("streamUrl").GetString()!;
        Assert.StartsWith($"ws://{b.BaseAddress.Authority}/", streamUrl, StringComparison.Ordinal);
        var stream = await StreamFrames.ConnectAsync(streamUrl);

        var (posted, _) = await a.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token,
            DirectLineHost.Message("posted on A", "alice"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var (activities, watermark) = await stream.ActivitiesAsync(3);
        Assert.Equal("posted on A", activities[0].GetProperty("text").GetString());
        Assert.Equal("echo: posted on A", activities[2].GetProperty("text").GetString());
        Assert.Equal("4", watermark);
        Assert.Empty(b.Bot.Received); // the turn ran on A only
    }
}
