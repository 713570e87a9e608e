using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>A misconfigured channel stops the server at start-up with a message naming the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("BotConnector:AppPassword", "", "AppPassword")]
    [InlineData("BotConnector:OpenIdMetadataUrl", "login.botframework.com/v1/.well-known/openidconfiguration", "OpenIdMetadataUrl")]
    [InlineData("BotConnector:TokenEndpoint", "/oauth2/v2.0/token", "TokenEndpoint")]
    [InlineData("BotConnector:OpenIdMetadataUrl", "http://login.example.com/metadata", "must use https")]
    [InlineData("BotConnector:MaxSendAttempts", "0", "MaxSendAttempts")]
    public void Start_up_fails_on_an_invalid_setting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BotConnector:AppId"] = FakeBotFrameworkChannel.AppId,
            ["BotConnector:AppPassword"] = FakeBotFrameworkChannel.AppPassword,
            [key] = value,
        };
        using var server = new ChannelTestServer(settings, new RecordingBot());

        var error = Assert.ThrowsAny<Exception>(() => server.CreateClient());

        Assert.Contains(expected, error.ToString());
    }
}
