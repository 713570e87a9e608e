using System.Net;
using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>Replies to the channel: the bot's access token (cached, renewed early) and retries of transient failures.</summary>
[Collection(AuthenticatedChannelGroup.Name)]
public sealed class OutboundDeliveryTests(AuthenticatedChannelFixture fixture)
{
    private FakeBotFrameworkChannel Channel => fixture.Channel;

    private async Task<IReadOnlyList<ReceivedActivity>> SendAndWaitAsync(string conversation, string id, string text, int replies = 1)
    {
        var response = await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, id, text), Channel.CreateToken());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Channel.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == id, replies);
    }

    [Fact]
    public async Task The_token_is_cached_across_replies()
    {
        var conversation = ActivityPosts.NewConversation();
        await SendAndWaitAsync(conversation, "c-1", "warm up");
        var requestsBefore = Channel.TokenRequests;

        var replies = await SendAndWaitAsync(conversation, "c-2", "three replies", replies: 3);
        await SendAndWaitAsync(conversation, "c-3", "and one more");

        Assert.Equal(requestsBefore, Channel.TokenRequests);
        Assert.Single(replies.Select(r => r.Authorization).Distinct());
        Assert.All(Channel.TokenRequestTenants, t => Assert.Equal("botframework.com", t)); // multi-tenant bot
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_expires()
    {
        var conversation = ActivityPosts.NewConversation();
        var before = (await SendAndWaitAsync(conversation, "r-1", "first")).Single().Authorization;
        var requestsBefore = Channel.TokenRequests;

        // The fake's tokens last an hour; 56 minutes on, the token is inside the 5-minute renewal margin.
        fixture.Clock.Advance(TimeSpan.FromMinutes(56));
        var after = (await SendAndWaitAsync(conversation, "r-2", "second")).Single().Authorization;
        var third = (await SendAndWaitAsync(conversation, "r-3", "third")).Single().Authorization;

        Assert.Equal(requestsBefore + 1, Channel.TokenRequests);
        Assert.NotEqual(before, after);
        Assert.Equal(after, third);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "0")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.BadGateway, null)]
    [InlineData(HttpStatusCode.PreconditionFailed, null)]
    public async Task A_transient_failure_is_retried_and_the_reply_is_delivered_once(HttpStatusCode status, string? retryAfter)
    {
        var conversation = ActivityPosts.NewConversation();
        Channel.FailNext(conversation, status, 2, retryAfter);
        var failuresBefore = Channel.FailuresServed;

        var replies = await SendAndWaitAsync(conversation, "t-1", "hello");
        // A later turn in the same conversation is delivered after the first one's retries are over.
        await SendAndWaitAsync(conversation, "t-2", "later");

        Assert.Single(replies);
        Assert.Single(Channel.Received, r => r.ConversationId == conversation && r.ReplyToId == "t-1");
        Assert.Equal(failuresBefore + 2, Channel.FailuresServed);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Other_client_errors_are_not_retried(HttpStatusCode status)
    {
        var conversation = ActivityPosts.NewConversation();
        Channel.FailNext(conversation, status, 1);
        var failuresBefore = Channel.FailuresServed;

        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "n-1", "refused"), Channel.CreateToken());
        // Had n-1 been retried, its second attempt would have succeeded before this reply (same conversation, in order).
        await SendAndWaitAsync(conversation, "n-2", "later");

        Assert.DoesNotContain(Channel.Received, r => r.ConversationId == conversation && r.ReplyToId == "n-1");
        Assert.Equal(failuresBefore + 1, Channel.FailuresServed);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts()
    {
        var conversation = ActivityPosts.NewConversation();
        Channel.FailNext(conversation, HttpStatusCode.ServiceUnavailable, 4); // MaxSendAttempts defaults to 4
        var failuresBefore = Channel.FailuresServed;

        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "g-1", "lost"), Channel.CreateToken());
        await SendAndWaitAsync(conversation, "g-2", "later");

        Assert.DoesNotContain(Channel.Received, r => r.ConversationId == conversation && r.ReplyToId == "g-1");
        Assert.Equal(failuresBefore + 4, Channel.FailuresServed);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_configured_maximum_is_not_ignored_but_gives_up()
    {
        // RetryMaxDelay is 2 s in these tests; retrying sooner than the channel asked would only earn more 429s.
        var conversation = ActivityPosts.NewConversation();
        Channel.FailNext(conversation, HttpStatusCode.TooManyRequests, 1, retryAfter: "120");
        var failuresBefore = Channel.FailuresServed;

        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "ra-1", "throttled"), Channel.CreateToken());
        await SendAndWaitAsync(conversation, "ra-2", "later");

        Assert.DoesNotContain(Channel.Received, r => r.ConversationId == conversation && r.ReplyToId == "ra-1");
        Assert.Equal(failuresBefore + 1, Channel.FailuresServed);
        Assert.Contains(fixture.Server.Logs.Lines, l => l.Text.Contains("longer than RetryMaxDelay"));
    }
}
