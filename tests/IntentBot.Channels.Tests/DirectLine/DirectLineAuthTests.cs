using System.Net;
using System.Text.Json;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>Every way to be refused, on every route, answered like the hosted service (401 / 403, Direct Line error JSON).</summary>
public sealed class DirectLineAuthTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private DirectLineHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineHost.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/v3/directline/tokens/generate" },
        { "POST", "/v3/directline/tokens/refresh" },
        { "POST", "/v3/directline/conversations" },
        { "GET", "/v3/directline/conversations/{id}?watermark=" },
        { "POST", "/v3/directline/conversations/{id}/activities" },
        { "GET", "/v3/directline/conversations/{id}/activities?watermark=" },
        { "GET", "/v3/directline/conversations/{id}/stream" },
    };

    private async Task<(HttpResponseMessage Response, JsonElement Body)> CallAsync(string method, string route, string id, string? bearer) =>
        await _host.SendAsync(new HttpMethod(method), route.Replace("{id}", id, StringComparison.Ordinal), bearer,
            method == "POST" && route.EndsWith("/activities", StringComparison.Ordinal) ? DirectLineHost.Message("hi") : null);

    private static void AssertError(HttpResponseMessage response, JsonElement body, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task No_authorization_is_401(string method, string route)
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (response, body) = await CallAsync(method, route, id, bearer: null);
        AssertError(response, body, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task A_wrong_secret_is_403(string method, string route)
    {
        var id = (await _host.StartConversationAsync()).GetProperty("conversationId").GetString()!;
        var (response, body) = await CallAsync(method, route, id, "not-the-secret");
        AssertError(response, body, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Theory, MemberData(nameof(Routes))]
    public async Task An_expired_token_is_403_token_expired(string method, string route)
    {
        var started = await _host.StartConversationAsync();
        _clock.Advance(TimeSpan.FromMinutes(31));
        var (response, body) = await CallAsync(method, route, started.GetProperty("conversationId").GetString()!, started.GetProperty("token").GetString());
        AssertError(response, body, HttpStatusCode.Forbidden, "TokenExpired");
    }

    [Theory]
    [InlineData("GET", "/v3/directline/conversations/{id}?watermark=")]
    [InlineData("POST", "/v3/directline/conversations/{id}/activities")]
    [InlineData("GET", "/v3/directline/conversations/{id}/activities?watermark=")]
    [InlineData("GET", "/v3/directline/conversations/{id}/stream")]
    public async Task A_token_for_another_conversation_is_403(string method, string route)
    {
        var mine = await _host.StartConversationAsync("alice");
        var theirs = (await _host.StartConversationAsync("mallory")).GetProperty("conversationId").GetString()!;
        var (response, body) = await CallAsync(method, route, theirs, mine.GetProperty("token").GetString());
        AssertError(response, body, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task A_stream_url_must_be_opened_within_its_lifetime()
    {
        var started = await _host.StartConversationAsync();
        _clock.Advance(TimeSpan.FromMinutes(2)); // StreamUrlLifetime is 1 minute; the conversation token is still valid
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(
            () => socket.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);

        // Reconnecting hands out a fresh one, which opens.
        var id = started.GetProperty("conversationId").GetString()!;
        var (_, reconnect) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}?watermark=", started.GetProperty("token").GetString());
        using var fresh = new System.Net.WebSockets.ClientWebSocket();
        await fresh.ConnectAsync(new Uri(reconnect.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, fresh.State);
    }

    [Fact]
    public async Task A_tampered_token_is_403()
    {
        var started = await _host.StartConversationAsync();
        var token = started.GetProperty("token").GetString()!;
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1].Replace(parts[1][5], parts[1][5] == 'A' ? 'B' : 'A') + "." + parts[2];
        var (response, body) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/conversations", forged);
        AssertError(response, body, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task A_stream_url_token_does_not_authorize_the_rest_routes()
    {
        var started = await _host.StartConversationAsync();
        var id = started.GetProperty("conversationId").GetString()!;
        var query = new Uri(started.GetProperty("streamUrl").GetString()!).Query;
        var streamToken = Uri.UnescapeDataString(query[(query.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var (response, body) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", streamToken);
        AssertError(response, body, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task Refreshing_a_token_gives_a_new_one_for_the_same_conversation_that_outlives_the_old_one()
    {
        var started = await _host.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString()!;
        _clock.Advance(TimeSpan.FromMinutes(20));
        var (response, refreshed) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", started.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, refreshed.GetProperty("conversationId").GetString());
        var newToken = refreshed.GetProperty("token").GetString();
        Assert.NotEqual(started.GetProperty("token").GetString(), newToken);

        _clock.Advance(TimeSpan.FromMinutes(20)); // the old token has expired, the new one has not
        var (old, oldBody) = await _host.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", started.GetProperty("token").GetString());
        AssertError(old, oldBody, HttpStatusCode.Forbidden, "TokenExpired");
        var (fresh, _) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", newToken, DirectLineHost.Message("still here", "alice"));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_secret_cannot_be_refreshed_and_a_token_cannot_generate_tokens()
    {
        var (refresh, refreshBody) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", DirectLineHost.Secret);
        AssertError(refresh, refreshBody, HttpStatusCode.Forbidden, "Forbidden");
        var token = (await _host.StartConversationAsync()).GetProperty("token").GetString();
        var (generate, generateBody) = await _host.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);
        AssertError(generate, generateBody, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task A_token_bound_to_a_user_cannot_post_as_someone_else()
    {
        var started = await _host.StartConversationAsync("alice");
        var id = started.GetProperty("conversationId").GetString()!;
        var (response, body) = await _host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities",
            started.GetProperty("token").GetString(), DirectLineHost.Message("hi", from: "bob"));
        AssertError(response, body, HttpStatusCode.BadRequest, "BadArgument");
    }
}

/// <summary>CORS for browsers on other origins (the shop's site), and the token endpoint's per-client budget.</summary>
public sealed class DirectLineCorsAndRateLimitTests : IAsyncLifetime
{
    private DirectLineHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineHost.StartAsync(new Dictionary<string, string?>
    {
        ["DirectLine:AllowedOrigins:0"] = "https://shop.example",
        ["DirectLine:TokenEndpointPermitsPerMinute"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_allows_authorization_and_the_bot_agent_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://shop.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowed, StringComparison.Ordinal);
        Assert.Contains("x-ms-bot-agent", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_origins_get_no_cors_grant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        var response = await _host.Http.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_client_over_its_budget_with_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await _host.Http.PostAsync("/api/v1/directline/token", null)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
