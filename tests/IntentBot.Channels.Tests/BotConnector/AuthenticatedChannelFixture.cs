using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>The test classes that share one authenticated server; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AuthenticatedChannelGroup : ICollectionFixture<AuthenticatedChannelFixture>
{
    public const string Name = "authenticated Bot Connector channel";
}

/// <summary>A fake Bot Framework channel and the real server pointed at it, authentication on.</summary>
public sealed class AuthenticatedChannelFixture : IAsyncLifetime
{
    public FakeBotFrameworkChannel Channel { get; private set; } = null!;
    public RecordingBot Bot { get; } = new();
    public ManualClock Clock { get; } = ManualClock.OnRealTime();
    public ChannelTestServer Server { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeBotFrameworkChannel.StartAsync();
        Server = new ChannelTestServer(ChannelTestServer.AuthenticatedSettings(Channel), Bot, Clock);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
