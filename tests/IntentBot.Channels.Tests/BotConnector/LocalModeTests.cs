using System.Net;
using IntentBot.Channels.Tests.FakeChannel;
using Microsoft.Extensions.Logging;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>No app id configured: no token checks inbound, no token outbound, and a loud warning at start-up.</summary>
public sealed class LocalModeTests : IAsyncLifetime
{
    private FakeBotFrameworkChannel _channel = null!;
    private ChannelTestServer Server { get; set; } = null!;
    private HttpClient Client { get; set; } = null!;
    private readonly RecordingBot _bot = new();

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFrameworkChannel.StartAsync();
        _channel.RequireBotToken = false; // like the Emulator without credentials
        Server = new ChannelTestServer(new Dictionary<string, string?> { ["BotConnector:AppId"] = "" }, _bot);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Activities_without_a_token_are_accepted_and_replies_go_out_without_one()
    {
        var conversation = ActivityPosts.NewConversation();

        var response = await ActivityPosts.PostAsync(Client, ActivityPosts.Message(_channel.ServiceUrl, conversation, "l-1", "hi", channelId: "emulator"), token: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = Assert.Single(await _channel.WaitForAsync(r => r.ConversationId == conversation));
        Assert.Equal("echo: hi", reply.Activity.Text);
        Assert.Equal("", reply.Authorization);
        Assert.Equal(0, _channel.TokenRequests);
    }

    [Fact]
    public async Task Start_up_warns_that_authentication_is_off()
    {
        await ActivityPosts.PostAsync(Client, ActivityPosts.Message(_channel.ServiceUrl, ActivityPosts.NewConversation(), "l-2", "hi"), token: null);

        Assert.Contains(Server.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("LOCAL MODE") && l.Text.Contains("WITHOUT"));
    }

    [Fact]
    public async Task Bad_bodies_are_still_400_in_local_mode()
    {
        var response = await ActivityPosts.PostRawAsync(Client, "{\"type\":\"message\"}", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
