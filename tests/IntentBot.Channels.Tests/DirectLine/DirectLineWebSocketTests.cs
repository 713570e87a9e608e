using System.Net;
using System.Net.WebSockets;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>The streamUrl with a real ClientWebSocket: the transcript so far, then each new activity, and keep-alives.</summary>
public sealed class DirectLineWebSocketTests : IAsyncLifetime
{
    private DirectLineHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineHost.StartAsync(new Dictionary<string, string?>
    {
        ["DirectLine:KeepAliveInterval"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_stream_delivers_the_welcome_then_the_echo_and_replies_of_a_posted_message()
    {
        var started = await _host.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString()!;
        var stream = await StreamFrames.ConnectAsync(started.GetProperty("streamUrl").GetString()!);

        var (welcome, watermark) = await stream.ActivitiesAsync(1);
        Assert.Equal("Welcome, alice!", welcome[0].GetProperty("text").GetString());
        Assert.Equal("1", watermark);

        var (posted, _) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities",
            started.GetProperty("token").GetString(), DirectLineHost.Message("hello", "alice", "client-7"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var (activities, last) = await stream.ActivitiesAsync(3);
        Assert.Equal("client-7", activities[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("user", activities[0].GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("typing", activities[1].GetProperty("type").GetString());
        Assert.Equal("echo: hello", activities[2].GetProperty("text").GetString());
        Assert.Equal("4", last);

        await stream.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, stream.Socket.State);
    }

    [Fact]
    public async Task A_quiet_stream_sends_empty_keep_alive_frames_and_ignores_the_clients_empty_pings()
    {
        var started = await _host.StartConversationAsync("alice");
        var stream = await StreamFrames.ConnectAsync(started.GetProperty("streamUrl").GetString()!);
        await stream.ActivitiesAsync(1);
        await stream.Socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None); // DirectLineJS's ping
        Assert.Equal("", await stream.NextAsync());
        Assert.Equal(WebSocketState.Open, stream.Socket.State);
    }

    [Fact]
    public async Task A_reconnect_stream_url_resumes_after_the_watermark()
    {
        var started = await _host.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString()!;
        var token = started.GetProperty("token").GetString();
        await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token, DirectLineHost.Message("one", "alice"));
        var (_, reconnect) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark=4", token);
        await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token, DirectLineHost.Message("two", "alice"));

        var stream = await StreamFrames.ConnectAsync(reconnect.GetProperty("streamUrl").GetString()!);
        var (activities, watermark) = await stream.ActivitiesAsync(3);
        Assert.Equal("two", activities[0].GetProperty("text").GetString());
        Assert.Equal("echo: two", activities[2].GetProperty("text").GetString());
        Assert.Equal("7", watermark);
    }

    [Fact]
    public async Task A_stream_url_with_a_bad_or_foreign_token_is_refused_at_the_handshake()
    {
        var mine = await _host.StartConversationAsync("alice");
        var theirs = await _host.StartConversationAsync("mallory");
        var mineUrl = mine.GetProperty("streamUrl").GetString()!;
        var theirId = theirs.GetProperty("conversationId").GetString()!;
        var foreign = mineUrl.Replace(mine.GetProperty("conversationId").GetString()!, theirId, StringComparison.Ordinal);
        var tampered = mineUrl[..^3] + "AAA";

        foreach (var url in new[] { foreign, tampered })
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
            Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        }
    }
}
