using System.Net;
using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>
/// Two server instances on one real Redis, as behind a load balancer: a channel retry that reaches the other
/// instance is still recognised as a duplicate.
/// </summary>
public sealed class SharedDeduplicationTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly RecordingBot _botA = new();
    private readonly RecordingBot _botB = new();
    private FakeBotFrameworkChannel _channel = null!;
    private ChannelTestServer ServerA { get; set; } = null!;
    private ChannelTestServer ServerB { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _channel = await FakeBotFrameworkChannel.StartAsync();
        var settings = ChannelTestServer.AuthenticatedSettings(_channel);
        settings["ConnectionStrings:Redis"] = _redis.ConnectionString;
        ServerA = new ChannelTestServer(settings, _botA);
        ServerB = new ChannelTestServer(settings, _botB);
    }

    public async Task DisposeAsync()
    {
        await ServerA.DisposeAsync();
        await ServerB.DisposeAsync();
        await _channel.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_reaching_another_instance_is_processed_once()
    {
        using var a = ServerA.CreateClient();
        using var b = ServerB.CreateClient();
        var conversation = ActivityPosts.NewConversation();
        var activity = ActivityPosts.Message(_channel.ServiceUrl, conversation, "shared-1", "hello");

        var first = await ActivityPosts.PostAsync(a, activity, _channel.CreateToken());
        var retry = await ActivityPosts.PostAsync(b, activity, _channel.CreateToken());
        // The same id in another conversation is new, on either instance.
        var other = ActivityPosts.NewConversation();
        var unrelated = await ActivityPosts.PostAsync(b, ActivityPosts.Message(_channel.ServiceUrl, other, "shared-1", "hi"), _channel.CreateToken());

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unrelated.StatusCode);
        await _channel.WaitForAsync(r => r.ConversationId == conversation);
        await _channel.WaitForAsync(r => r.ConversationId == other);
        Assert.Single(_botA.Turns);
        Assert.DoesNotContain(_botB.Turns, t => t.Conversation?.Id == conversation);
        Assert.Contains(_redis.AllKeys(), k => k.StartsWith("intentbot:botconnector:seen:", StringComparison.Ordinal));
    }
}
