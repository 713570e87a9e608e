using System.Net.WebSockets;
using IntentBot.Context.Tests;

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
}
