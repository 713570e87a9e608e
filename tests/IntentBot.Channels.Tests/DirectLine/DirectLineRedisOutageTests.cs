using System.Net;
using System.Net.WebSockets;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>
/// redis-server dies under an open Direct Line stream: the server closes the WebSocket with 1011 (so
/// DirectLineJS reconnects from its watermark) instead of dropping it with an unhandled error.
/// </summary>
public sealed class DirectLineRedisOutageTests
{
    [Fact]
    public async Task An_open_stream_is_closed_with_1011_when_redis_goes_away()
    {
        var redis = new RedisServer();   // its own server: the test kills it
        await redis.InitializeAsync();
        // The app's own connection (as in production): killing the server must not dispose it.
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?>
        {
            ["DirectLine:KeepAliveInterval"] = "00:00:01",
            ["Context:OperationTimeout"] = "00:00:00.500",
        }, redis: connection);

        var started = await host.StartConversationAsync("alice");
        var stream = await StreamFrames.ConnectAsync(started.GetProperty("streamUrl").GetString()!);
        await stream.ActivitiesAsync(1);

        await redis.DisposeAsync();   // kills redis-server

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do result = await stream.Socket.ReceiveAsync(buffer, timeout.Token);
        while (result.MessageType != WebSocketMessageType.Close);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, result.CloseStatus);
        Assert.Contains("reconnect", result.CloseStatusDescription);
    }

    [Fact]
    public async Task Replies_that_cannot_be_stored_after_the_turn_are_a_502_not_a_503_and_the_message_is_stored_once()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?>
            {
                ["Context:OperationTimeout"] = "00:00:00.300",
            }, redis: connection);
            var started = await host.StartConversationAsync("alice");
            var id = started.GetProperty("conversationId").GetString()!;
            var token = started.GetProperty("token").GetString();

            // Mid-turn, Redis stops accepting writes for two seconds: the customer's message is already stored,
            // the bot's replies cannot be. A 503 would invite DirectLineJS to resend and run the turn again.
            host.Bot.DuringTurn = async () =>
            {
                await redis.Connection.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "2000", "WRITE");
                host.Bot.DuringTurn = null;
            };
            var (posted, body) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token,
                DirectLineHost.Message("cancel my order", "alice"));
            Assert.Equal(HttpStatusCode.BadGateway, posted.StatusCode);
            Assert.Equal("BotError", body.GetProperty("error").GetProperty("code").GetString());

            await WritesAcceptedAgainAsync(redis.Connection.GetDatabase());
            var (read, transcript) = await host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var texts = transcript.GetProperty("activities").EnumerateArray()
                .Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null).ToList();
            Assert.Single(texts, t => t == "cancel my order");
            // The replies' write was queued in the client and may land once writes resume: at most once, never twice.
            Assert.InRange(texts.Count(t => t == "echo: cancel my order"), 0, 1);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until the pause is over: a write through the test's own connection is held while writes are paused and
    /// answered once they resume. Bounded, so a pause that never ends fails the test instead of hanging it.
    /// </summary>
    private static async Task WritesAcceptedAgainAsync(StackExchange.Redis.IDatabase db)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await db.StringSetAsync("outage-test:pause-probe", "1");
                return;
            }
            catch (StackExchange.Redis.RedisTimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Still paused (the client gave up waiting; the write is still queued on the server): ask again.
            }
        }
    }
}
