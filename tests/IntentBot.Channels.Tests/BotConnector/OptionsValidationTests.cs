using IntentBot.Channels.Tests.FakeChannel;
using IntentBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>A misconfigured channel stops the server at start-up with a message naming the setting.</summary>
/// <remarks>Starts the app's own registrations on a real host (port 0), so the start-up failure itself is observed.</remarks>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("BotConnector:AppPassword", "", "AppPassword")]
    [InlineData("BotConnector:OpenIdMetadataUrl", "login.botframework.com/v1/.well-known/openidconfiguration", "OpenIdMetadataUrl")]
    [InlineData("BotConnector:TokenEndpoint", "/oauth2/v2.0/token", "TokenEndpoint")]
    [InlineData("BotConnector:OpenIdMetadataUrl", "http://login.example.com/metadata", "must use https")]
    [InlineData("BotConnector:MaxSendAttempts", "0", "MaxSendAttempts")]
    [InlineData("BotConnector:RetryMaxDelay", "00:00:00.100", "RetryMaxDelay")]
    public async Task Start_up_fails_on_an_invalid_setting(string key, string value, string expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ChannelTestServer.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Nlu:ExecutionProvider"] = "Cpu",
            ["BotConnector:AppId"] = FakeBotFrameworkChannel.AppId,
            ["BotConnector:AppPassword"] = FakeBotFrameworkChannel.AppPassword,
            [key] = value,
        });
        builder.AddIntentBot();
        await using var app = builder.Build();
        app.MapIntentBot();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(expected, error.Message);
    }
}
