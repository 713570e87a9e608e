using System.Net;
using System.Text.Json;
using IntentBot.Channels.Tests.FakeChannel;
using Microsoft.Extensions.Logging;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>Who may post to /api/messages: the Bearer token checks (401) and the activity-vs-token checks (403).</summary>
[Collection(AuthenticatedChannelGroup.Name)]
public sealed class InboundAuthTests(AuthenticatedChannelFixture fixture)
{
    private FakeBotFrameworkChannel Channel => fixture.Channel;

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_reply_reaches_the_channel_with_the_bots_own_token()
    {
        var conversation = ActivityPosts.NewConversation();
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, conversation, "act-1", "hello"), Channel.CreateToken());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = (await Channel.WaitForAsync(r => r.ConversationId == conversation)).Single();
        Assert.Equal("act-1", reply.ReplyToId); // POST /v3/conversations/{id}/activities/{replyToId}
        Assert.Equal("message", reply.Activity.Type);
        Assert.Equal("echo: hello", reply.Activity.Text);
        Assert.Equal("act-1", reply.Activity.ReplyToId);
        Assert.Equal(conversation, reply.Activity.Conversation?.Id);
        Assert.Equal(ActivityPosts.BotId, reply.Activity.From?.Id);
        Assert.Equal(ActivityPosts.UserId, reply.Activity.Recipient?.Id);
        Assert.StartsWith("Bearer fake-bot-token-", reply.Authorization);
        Assert.Contains(fixture.Bot.Turns, t => t.Conversation?.Id == conversation && t.Text == "hello");
    }

    public static TheoryData<string> BadTokens => ["forged signature", "unknown key", "expired", "not yet valid", "wrong audience", "wrong issuer", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_with_a_challenge_and_the_bot_never_sees_the_activity(string kind)
    {
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "forged signature" => Channel.CreateToken(key: Channel.ForgeryKey), // same kid as the real key, other private key
            "unknown key" => Channel.CreateToken(key: new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "nobody" }),
            // Beyond the 5-minute skew on either side.
            "expired" => Channel.CreateToken(notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not yet valid" => Channel.CreateToken(notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "wrong audience" => Channel.CreateToken(audience: "someone-elses-bot"),
            "wrong issuer" => Channel.CreateToken(issuer: "https://evil.example.com"),
            _ => "not.a.jwt",
        };
        var conversation = ActivityPosts.NewConversation();

        var response = await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "x", "hi"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(fixture.Bot.Turns, t => t.Conversation?.Id == conversation);
        // The rejection is logged, but never with the token itself.
        Assert.Contains(fixture.Server.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("Rejected a Bot Connector request"));
        Assert.DoesNotContain(fixture.Server.Logs.Lines, l => l.Text.Contains(token));
    }

    [Fact]
    public async Task A_token_that_is_only_slightly_expired_is_within_the_clock_skew()
    {
        var now = DateTime.UtcNow;
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "skew", "hi"),
            Channel.CreateToken(notBefore: now.AddHours(-1), expires: now.AddMinutes(-2)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task No_bearer_token_gets_401_with_a_bearer_challenge(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "a", "hi").ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_token_issued_for_another_service_url_gets_403()
    {
        var conversation = ActivityPosts.NewConversation();
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, conversation, "s", "hi"),
            Channel.CreateToken(serviceUrl: "https://smba.trafficmanager.net/emea/"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(fixture.Bot.Turns, t => t.Conversation?.Id == conversation);
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activitys_channel_gets_403()
    {
        // The second published key is endorsed for "slack" only; the activity claims to come from Teams.
        var conversation = ActivityPosts.NewConversation();
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, conversation, "e", "hi", channelId: "msteams"),
            Channel.CreateToken(key: Channel.UnendorsedKey));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(fixture.Bot.Turns, t => t.Conversation?.Id == conversation);
    }

    [Fact]
    public async Task The_same_key_is_accepted_for_a_channel_it_is_endorsed_for()
    {
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "e2", "hi", channelId: "slack"),
            Channel.CreateToken(key: Channel.UnendorsedKey));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task The_signing_keys_are_fetched_once_and_cached()
    {
        // Several authenticated requests; the fake channel's OpenID endpoints would be hit per request without caching.
        for (var i = 0; i < 3; i++)
        {
            var response = await ActivityPosts.PostAsync(fixture.Client,
                ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "k" + i, "hi"), Channel.CreateToken());
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.InRange(Channel.KeyDocumentRequests, 1, 2); // 2 only if the "unknown key" test forced a refresh first
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task An_emulator_token_for_our_app_is_accepted_when_allowed(string version)
    {
        var conversation = ActivityPosts.NewConversation();
        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, conversation, "emu-" + version, "hi", channelId: "emulator"),
            Channel.CreateEmulatorToken(version: version));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("Bearer fake-bot-token-", Assert.Single(await Channel.WaitForAsync(r => r.ConversationId == conversation)).Authorization);
    }

    [Theory]
    [InlineData("another app")]
    [InlineData("channel key")]
    public async Task An_emulator_token_for_another_app_or_signed_by_a_key_outside_its_metadata_gets_401(string kind)
    {
        var token = kind == "another app"
            ? Channel.CreateEmulatorToken(appId: "99999999-0000-0000-0000-000000000000")
            : Channel.CreateEmulatorToken(key: Channel.SigningKey); // a Bot Connector key is not an Emulator key

        var response = await ActivityPosts.PostAsync(fixture.Client,
            ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "emu-bad", "hi", channelId: "emulator"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
