using System.Net;
using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>
/// The channel's OpenID metadata endpoint is down. Every token is refused with 503 + Retry-After (nothing can be
/// verified, and the fault is ours, not the caller's), and a
/// flood of requests, forged or not, must not turn into a flood of metadata downloads: one attempt, then
/// none until <c>SigningKeysRetryDelay</c> has passed; service resumes by itself once the endpoint is back.
/// </summary>
public sealed class SigningKeysOutageTests
{
    [Fact]
    public async Task Requests_during_a_metadata_outage_get_503_with_retry_after_and_cause_one_download_attempt_per_retry_delay()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        channel.MetadataAvailable = false;
        var clock = ManualClock.OnRealTime();
        var settings = ChannelTestServer.AuthenticatedSettings(channel);
        settings["BotConnector:SigningKeysRetryDelay"] = "00:00:30";
        await using var server = new ChannelTestServer(settings, new RecordingBot(), clock);
        using var client = server.CreateClient();

        // One download attempt may be two HTTP requests: IdentityModel's document retriever retries a 503 once.
        var perAttempt = 0;
        for (var i = 0; i < 20; i++)
        {
            var forged = channel.CreateToken(key: channel.ForgeryKey);
            var response = await ActivityPosts.PostAsync(client,
                ActivityPosts.Message(channel.ServiceUrl, ActivityPosts.NewConversation(), $"a{i}", "hi"), i % 2 == 0 ? forged : channel.CreateToken());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            // Seconds until the next download may be tried; the test clock runs on with real time, so not exactly 30.
            Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            if (i == 0) perAttempt = channel.MetadataRequests;
        }
        Assert.InRange(perAttempt, 1, 2);
        Assert.Equal(perAttempt, channel.MetadataRequests);
        Assert.Contains(server.Logs.Lines, l => l.Text.Contains("Could not read the channel signing keys", StringComparison.Ordinal));

        // Still inside the delay: no new attempt.
        clock.Advance(TimeSpan.FromSeconds(20));
        var early = await ActivityPosts.PostAsync(client,
            ActivityPosts.Message(channel.ServiceUrl, ActivityPosts.NewConversation(), "early", "hi"), channel.CreateToken());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.InRange(early.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(perAttempt, channel.MetadataRequests);

        // The endpoint is back and the delay has passed: the next genuine request is verified and accepted.
        channel.MetadataAvailable = true;
        clock.Advance(TimeSpan.FromSeconds(11));
        var conversation = ActivityPosts.NewConversation();
        var accepted = await ActivityPosts.PostAsync(client,
            ActivityPosts.Message(channel.ServiceUrl, conversation, "back", "hello again"), channel.CreateToken());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(perAttempt + 1, channel.MetadataRequests);
        await channel.WaitForAsync(r => r.ConversationId == conversation);
    }

    [Fact]
    public async Task An_emulator_token_during_an_emulator_metadata_outage_gets_503_with_retry_after()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        channel.MetadataAvailable = false;
        var settings = ChannelTestServer.AuthenticatedSettings(channel);
        settings["BotConnector:SigningKeysRetryDelay"] = "00:00:05";
        await using var server = new ChannelTestServer(settings, new RecordingBot(), ManualClock.OnRealTime());
        using var client = server.CreateClient();

        var response = await ActivityPosts.PostAsync(client,
            ActivityPosts.Message(channel.ServiceUrl, ActivityPosts.NewConversation(), "emu", "hi", channelId: "emulator"), channel.CreateEmulatorToken());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Contains(server.Logs.Lines, l => l.Text.Contains("Could not read the Emulator signing keys", StringComparison.Ordinal));
    }
}
