using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using IntentBot.Server.Tests.Behaviour;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// One id rule at every entry point (Direct Line, Bot Connector, events, erasure), against the whole server on a
/// real Redis: every id a channel can store is erased by DELETE /api/v1/users/{id} (the id percent-encoded once),
/// and every id outside the rule gets 400 everywhere before anything reaches Redis.
/// </summary>
public sealed class IdRuleTests : IClassFixture<RedisServer>, IDisposable
{
    private const string Secret = "id-rule-test-secret-0123456789";

    private readonly RedisServer _redis;
    private readonly IntentBotFactory _factory;

    /// <summary>Ids the rule accepts, among them the shapes that used to be stored but never erased.</summary>
    /// <summary>
    /// Over a real socket: the in-memory TestServer has no raw request target, and telling "%2F" from "/" needs it.
    /// </summary>
    public IdRuleTests(RedisServer redis)
    {
        _redis = redis;
        _factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["DirectLine:Secrets:0"] = Secret,
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    public static TheoryData<string> StorableIds => new()
    {
        "cust/42",
        "cust%2F42",
        "a/b/c/",
        "29:1Ab-Cd_ef=",
        "{braces}%25 and spaces",
        "naïve 顧客 😀",
        new string('x', StoredIds.MaxLength),
        "x" + new string('/', StoredIds.MaxLength - 1),
    };

    /// <summary>Ids the rule refuses, each with the JSON string literal that carries it.</summary>
    public static TheoryData<string, string> UnstorableIds => new()
    {
        { "257 characters", Literal(new string('y', StoredIds.MaxLength + 1)) },
        { "10,000 characters", Literal(new string('z', 10_000)) },
        { "tab", "\"cust\\t42\"" },
        { "bell", "\"cust\\u000742\"" },
        { "newline", "\"cust\\n42\"" },
        { "lone surrogate", "\"cust\\ud80042\"" },
        { "whitespace", "\"   \"" },
    };

    [Theory]
    [MemberData(nameof(StorableIds))]
    public async Task Every_storable_id_is_erased_by_its_once_encoded_path(string id)
    {
        var client = _factory.CreateClient();
        var tag = RedisKeys.Tag(id);
        var conversation = await StartAsync(client, Literal(id));
        var posted = await PostAsync(client, conversation, Literal(id), "hello");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var events = await client.PostAsync("/api/v1/events", Events.Batch(Events.Event(id, "search", query: "a kettle")));
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Contains(_redis.AllKeys(), k => k.Contains(tag, StringComparison.Ordinal));
        var context = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(id)}/context");
        Assert.True(context.StatusCode == HttpStatusCode.OK, $"context: {(int)context.StatusCode} {await context.Content.ReadAsStringAsync()}");

        var erased = await client.DeleteAsync($"/api/v1/users/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.DoesNotContain(_redis.AllKeys(), k => k.Contains(tag, StringComparison.Ordinal) || k.Contains(conversation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_path_is_decoded_once_so_a_slash_and_an_encoded_slash_are_two_users()
    {
        var client = _factory.CreateClient();
        foreach (var id in new[] { "cust/77", "cust%2F77" })
        {
            var response = await client.PostAsync("/api/v1/events", Events.Batch(Events.Event(id, "search", query: "a kettle")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/users/cust%252F77")).StatusCode);
        Assert.DoesNotContain(_redis.AllKeys(), k => k.Contains(RedisKeys.Tag("cust%2F77"), StringComparison.Ordinal));
        Assert.Contains(_redis.AllKeys(), k => k.Contains(RedisKeys.Tag("cust/77"), StringComparison.Ordinal));

        // The slash sent as is names the same user as %2F.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/users/cust/77")).StatusCode);
        Assert.DoesNotContain(_redis.AllKeys(), k => k.Contains(RedisKeys.Tag("cust/77"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(UnstorableIds))]
    public async Task Every_entry_point_refuses_an_unstorable_id_before_anything_is_stored(string kind, string literal)
    {
        var client = _factory.CreateClient();
        var conversation = await StartAsync(client, Literal("a-good-user"));
        var before = _redis.AllKeys().Count;

        var refusals = new Dictionary<string, HttpResponseMessage>
        {
            ["Direct Line tokens/generate"] = await SendAsync(client, "/v3/directline/tokens/generate", UserBody(literal)),
            ["Direct Line conversations"] = await SendAsync(client, "/v3/directline/conversations", UserBody(literal)),
            ["Direct Line activities"] = await PostAsync(client, conversation, literal, "hello"),
            ["events"] = await client.PostAsync("/api/v1/events", Json.Body(
                $$"""{"events":[{"eventId":"e1","type":"search","userId":{{literal}},"sessionId":"s1","timestamp":"{{Events.Now()}}","query":"kettle"}]}""")),
            ["Bot Connector from.id"] = await client.PostAsync("/api/messages", Json.Body(
                $$"""{"type":"message","id":"a1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c1"},"from":{"id":{{literal}}},"text":"hi"}""")),
            ["Bot Connector conversation.id"] = await client.PostAsync("/api/messages", Json.Body(
                $$"""{"type":"message","id":"a1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":{{literal}}},"from":{"id":"u1"},"text":"hi"}""")),
        };

        foreach (var (entry, response) in refusals)
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{entry} answered {(int)response.StatusCode} to a {kind} id");
        Assert.Equal(before, _redis.AllKeys().Count);
    }

    [Theory]
    [InlineData("cust%0942")]
    [InlineData("cust%0742")]
    [InlineData("%20%20")]
    public async Task Erasure_refuses_what_no_entry_point_can_store(string encoded)
    {
        var response = await _factory.CreateClient().DeleteAsync($"/api/v1/users/{encoded}");
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "user id");
    }

    [Fact]
    public async Task Erasure_refuses_an_id_one_character_over_the_rule()
    {
        var response = await _factory.CreateClient().DeleteAsync($"/api/v1/users/{new string('x', StoredIds.MaxLength + 1)}");
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, $"longer than {StoredIds.MaxLength}");
    }

    /// <summary>A JSON string literal with every character outside printable ASCII escaped (lone surrogates included).</summary>
    private static string Literal(string value)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c is >= ' ' and <= '~') json.Append(c);
            else json.Append($"\\u{(int)c:x4}");
        }
        return json.Append('"').ToString();
    }

    private static async Task<string> StartAsync(HttpClient client, string userLiteral)
    {
        var response = await SendAsync(client, "/v3/directline/conversations", UserBody(userLiteral));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (string)(await Json.ReadAsync(response))["conversationId"]!;
    }

    private static string UserBody(string userLiteral) => "{\"user\":{\"id\":" + userLiteral + "}}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string conversation, string userLiteral, string text) =>
        SendAsync(client, $"/v3/directline/conversations/{conversation}/activities",
            $$"""{"type":"message","from":{"id":{{userLiteral}}},"text":"{{text}}"}""");

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json.Body(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        return client.SendAsync(request);
    }

    public void Dispose() => _factory.Dispose();
}
