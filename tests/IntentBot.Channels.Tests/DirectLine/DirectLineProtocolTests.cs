using System.Net;
using System.Text;
using System.Text.Json;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>Every Direct Line 3.0 route, over real HTTP, as the stock clients call it.</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private DirectLineHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Starting_a_conversation_with_the_secret_answers_201_with_a_token_and_a_websocket_stream_url()
    {
        var conversation = await _host.StartConversationAsync("alice");

        var id = conversation.GetProperty("conversationId").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        Assert.Equal(1800, conversation.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, conversation.GetProperty("token").GetString()!.Split('.').Length);
        var streamUrl = new Uri(conversation.GetProperty("streamUrl").GetString()!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"/v3/directline/conversations/{id}/stream", streamUrl.AbsolutePath);
        Assert.Contains("t=", streamUrl.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_gets_a_conversation_update_on_start_and_its_welcome_is_in_the_transcript()
    {
        var conversation = await _host.StartConversationAsync("alice");
        var id = conversation.GetProperty("conversationId").GetString()!;

        var update = Assert.Single(_host.Bot.Received);
        Assert.Equal(ActivityTypes.ConversationUpdate, update.Type);
        Assert.Contains(update.MembersAdded!, m => m.Id == "alice");
        Assert.Equal("directline", update.ChannelId);

        var (response, set) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", DirectLineHost.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(set.GetProperty("activities").EnumerateArray());
        Assert.Equal("Welcome, alice!", welcome.GetProperty("text").GetString());
        Assert.Equal("bot", welcome.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("1", set.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task A_generated_token_starts_its_own_conversation_once_then_answers_200()
    {
        var (generated, token) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineHost.Secret, new { user = new { id = "bob" } });
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var conversationId = token.GetProperty("conversationId").GetString();
        var bearer = token.GetProperty("token").GetString();
        Assert.Equal(1800, token.GetProperty("expires_in").GetInt32());

        var (first, started) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", bearer);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(conversationId, started.GetProperty("conversationId").GetString());
        Assert.Equal(bearer, started.GetProperty("token").GetString());
        Assert.Contains(_host.Bot.Received, a => a.MembersAdded?.Any(m => m.Id == "bob") == true);

        var (again, _) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", bearer);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_host.Bot.Received); // no second conversationUpdate
    }

    [Fact]
    public async Task Posting_an_activity_echoes_it_with_channel_data_and_appends_the_bot_replies()
    {
        var id = (await _host.StartConversationAsync("alice")).GetProperty("conversationId").GetString()!;
        var (posted, resource) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities",
            DirectLineHost.Secret, DirectLineHost.Message("where is my order", "alice", "client-42"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var userActivityId = resource.GetProperty("id").GetString()!;
        Assert.Equal($"{id}|0000002", userActivityId);

        var (_, set) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=1", DirectLineHost.Secret);
        var activities = set.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(3, activities.Count); // the echo, typing, the reply
        Assert.Equal("4", set.GetProperty("watermark").GetString());

        var echo = activities[0];
        Assert.Equal(userActivityId, echo.GetProperty("id").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("client-42", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.EndsWith("Z", echo.GetProperty("timestamp").GetString(), StringComparison.Ordinal);

        var reply = activities[2];
        Assert.Equal("echo: where is my order", reply.GetProperty("text").GetString());
        Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("intentbot", reply.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(userActivityId, reply.GetProperty("replyToId").GetString());
        Assert.EndsWith("Z", reply.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "Yes", "No" }, reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray()
            .Select(a => a.GetProperty("title").GetString()).ToArray());
        Assert.Equal("typing", activities[1].GetProperty("type").GetString());
        Assert.Equal(activities.Count, activities.Select(a => a.GetProperty("id").GetString()).Distinct().Count());

        var delivered = _host.Bot.Received.Last();
        Assert.Equal(userActivityId, delivered.Id);
        Assert.Equal(id, delivered.Conversation!.Id);
        Assert.Equal("intentbot", delivered.Recipient!.Id);
    }

    [Fact]
    public async Task Polling_from_the_last_watermark_returns_nothing_new()
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (_, set) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=1", DirectLineHost.Secret);
        Assert.Empty(set.GetProperty("activities").EnumerateArray());
        Assert.Equal("1", set.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task A_failing_bot_answers_502_in_the_direct_line_error_shape_and_keeps_the_users_activity()
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (response, error) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities",
            DirectLineHost.Secret, DirectLineHost.Message("fail"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("BotError", error.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetProperty("message").GetString()));

        var (_, set) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=1", DirectLineHost.Secret);
        Assert.Equal("fail", Assert.Single(set.GetProperty("activities").EnumerateArray()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"type":"message","text":"hi"}""", "from.id")]
    [InlineData("""{"type":"message","text":"hi","from":{"name":"x"}}""", "from.id")]
    [InlineData("""{"text":"hi","from":{"id":"u"}}""", "type")]
    [InlineData("""{"type":"message",""", "not valid JSON")]
    [InlineData("""[1,2]""", "not valid JSON")]
    public async Task Invalid_activities_are_rejected_with_400_and_nothing_is_stored(string body, string expected)
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var request = DirectLineHost.Request(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", DirectLineHost.Secret);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("BadArgument", error.GetProperty("code").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (_, set) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=1", DirectLineHost.Secret);
        Assert.Empty(set.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task An_activity_over_the_size_limit_is_rejected_with_413()
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (response, error) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities",
            DirectLineHost.Secret, DirectLineHost.Message(new string('x', 300 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("MessageSizeTooBig", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reconnecting_returns_a_fresh_stream_url_from_the_watermark()
    {
        var started = await _host.StartConversationAsync();
        var id = started.GetProperty("conversationId").GetString()!;
        var token = started.GetProperty("token").GetString();
        var (response, conversation) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark=1", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, conversation.GetProperty("conversationId").GetString());
        Assert.Equal(token, conversation.GetProperty("token").GetString());
        var streamUrl = conversation.GetProperty("streamUrl").GetString()!;
        Assert.Contains("watermark=1&", streamUrl, StringComparison.Ordinal);
        Assert.NotEqual(started.GetProperty("streamUrl").GetString(), streamUrl);
    }

    [Fact]
    public async Task Unknown_conversations_are_404_and_bad_watermarks_are_400()
    {
        var (missing, error) = await _host.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope/activities", DirectLineHost.Secret);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("BadArgument", error.GetProperty("error").GetProperty("code").GetString());
        var (reconnect, _) = await _host.SendAsync(HttpMethod.Get, "/v3/directline/conversations/nope?watermark=", DirectLineHost.Secret);
        Assert.Equal(HttpStatusCode.NotFound, reconnect.StatusCode);
        var (post, _) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations/nope/activities", DirectLineHost.Secret, DirectLineHost.Message("hi"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (bad, _) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities?watermark=abc", DirectLineHost.Secret);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_stream_route_refuses_plain_http()
    {
        var started = await _host.StartConversationAsync();
        var id = started.GetProperty("conversationId").GetString()!;
        var (response, _) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/stream", started.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_same_origin_token_endpoint_hands_out_a_token_with_an_embedded_dl_user()
    {
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/api/v1/directline/token", bearer: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = body.GetProperty("token").GetString()!;
        var userId = body.GetProperty("userId").GetString()!;
        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.DoesNotContain(DirectLineHost.Secret, body.GetRawText(), StringComparison.Ordinal);

        // Web Chat reads the user id from the token's "user" claim, like it does with the hosted service's tokens.
        var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;
        Assert.Equal(userId, payload.GetProperty("user").GetString());
        Assert.Equal(body.GetProperty("conversationId").GetString(), payload.GetProperty("conv").GetString());

        var (started, conversation) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(body.GetProperty("conversationId").GetString(), conversation.GetProperty("conversationId").GetString());
    }
}
