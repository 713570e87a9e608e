using System.Net;
using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>
/// Local mode (no app id) is safe by default: replies go to loopback serviceUrls only, and one conversation or
/// one client cannot make the bot run turns without limit.
/// </summary>
public sealed class LocalModeLimitsTests : IAsyncLifetime
{
    private FakeBotFrameworkChannel _channel = null!;
    private ChannelTestServer Server { get; set; } = null!;
    private HttpClient Client { get; set; } = null!;
    private readonly RecordingBot _bot = new();

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFrameworkChannel.StartAsync();
        _channel.RequireBotToken = false;
        Server = new ChannelTestServer(new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = "",
            ["BotConnector:TurnsPerMinute"] = "1",
            ["BotConnector:TurnBurst"] = "3",
        }, _bot);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://169.254.169.254/latest/")]
    [InlineData("http://127.0.0.1.attacker.example/")]
    public async Task Local_mode_refuses_a_service_url_off_this_machine(string serviceUrl)
    {
        var response = await ActivityPosts.PostAsync(Client, ActivityPosts.Message(serviceUrl, ActivityPosts.NewConversation(), "x-1", "where is my order"), token: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_bot.Turns);
    }

    [Fact]
    public async Task Turns_are_limited_per_conversation_and_per_address_with_429_and_retry_after()
    {
        var conversation = ActivityPosts.NewConversation();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await ActivityPosts.PostAsync(Client, ActivityPosts.Message(_channel.ServiceUrl, conversation, $"m-{i}", "hi"), token: null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // In local mode the caller picks its ids: a new conversation from the same address gains nothing.
        var rotated = ActivityPosts.Message(_channel.ServiceUrl, ActivityPosts.NewConversation(), "n-1", "hi");
        rotated["from"]!["id"] = "29:someone-else";
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ActivityPosts.PostAsync(Client, rotated, token: null)).StatusCode);
    }
}
