using IntentBot.Channels.Auth;
using IntentBot.Channels.BotConnector;
using IntentBot.Channels.Tests.FakeChannel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>The pieces that need no server around them: URL building, backoff bounds, one shared token renewal.</summary>
public sealed class ConnectorUnitTests
{
    [Fact]
    public void Conversation_and_activity_ids_are_escaped_as_path_segments()
    {
        var url = ConnectorClient.ActivitiesUrl("https://smba.trafficmanager.net/emea/", "a:1Xyz;messageid=123", "1f:2/3");

        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1Xyz%3Bmessageid%3D123/activities/1f%3A2%2F3", url.AbsoluteUri);
        Assert.Equal("https://x.example/v3/conversations/c1/activities", ConnectorClient.ActivitiesUrl("https://x.example", "c1", null).AbsoluteUri);
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var random = new Random(7);
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var full = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
            var delay = RetryPolicy.Backoff(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), random).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_renewal()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = Options.Create(new BotConnectorOptions
        {
            AppId = FakeBotFrameworkChannel.AppId,
            AppPassword = FakeBotFrameworkChannel.AppPassword,
            AppTenantId = "contoso-tenant",
            TokenEndpoint = channel.TokenEndpoint,
        });
        var provider = new ConnectorTokenProvider(options, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System,
            NullLogger<ConnectorTokenProvider>.Instance);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => provider.GetTokenAsync(CancellationToken.None))));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, channel.TokenRequests);
        Assert.Equal("contoso-tenant", Assert.Single(channel.TokenRequestTenants)); // single-tenant bots ask their own tenant
    }

    [Fact]
    public async Task A_wrong_password_fails_the_token_request_without_echoing_the_secret()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = Options.Create(new BotConnectorOptions
        {
            AppId = FakeBotFrameworkChannel.AppId,
            AppPassword = "wrong-secret-value",
            TokenEndpoint = channel.TokenEndpoint,
        });
        var provider = new ConnectorTokenProvider(options, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System,
            NullLogger<ConnectorTokenProvider>.Instance);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.Contains("401", error.Message);
        Assert.DoesNotContain("wrong-secret-value", error.ToString());
    }
}
