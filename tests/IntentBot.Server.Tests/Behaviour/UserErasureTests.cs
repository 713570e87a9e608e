using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace IntentBot.Server.Tests.Behaviour;

/// <summary>
/// DELETE /api/v1/users/{id} after a real conversation through Direct Line (the agent, the model, a handoff to a
/// human) and behaviour events: nothing of the user is left, in Redis or in the embedded stores.
/// </summary>
public sealed class UserErasureRedisTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
        ["DirectLine:Secrets:0"] = ChatDriver.Secret,
    });

    [Fact]
    public async Task Deleting_a_user_after_a_direct_line_chat_with_handoff_leaves_nothing_naming_them_in_redis()
    {
        var client = _factory.CreateClient();
        var chat = new ChatDriver(client);
        var (user, conversation) = await chat.StartAnonymousAsync();
        // Unique texts before and after the handoff (the handoff request itself is the same words as the other customer's).
        string[] texts = [$"where is my parcel, it is for {ChatDriver.Secretly("aunt")}", $"still there? {ChatDriver.Secretly("hello")}"];
        await chat.SayAsync(conversation, user, texts[0]);
        await chat.SayAsync(conversation, user, "I want to talk to a human agent");
        await chat.SayAsync(conversation, user, texts[1]);
        // A second conversation where the user only got the welcome: the conversation store never sees it.
        var welcomeOnly = await chat.StartWithSecretAsync(user);
        await client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, "search", query: "gift " + texts[0]), Events.Event(user, "view", "p1", 3m)));
        // Someone else's chat and handoff must survive.
        var (other, otherConversation) = await chat.StartAnonymousAsync();
        await chat.SayAsync(otherConversation, other, "I want to talk to a human agent");

        Assert.Contains(await chat.OpenHandoffsAsync(), h => h == conversation);
        Assert.Contains(await ValuesAsync(), v => v.Contains(user, StringComparison.Ordinal));
        Assert.Contains(await ValuesAsync(), v => v.Contains(texts[0], StringComparison.Ordinal));
        Assert.Contains(await ValuesAsync(), v => v.Contains(texts[1], StringComparison.Ordinal)); // reached the person through the handoff
        Assert.Contains(redis.AllKeys(), k => k.Contains(welcomeOnly, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);

        Assert.DoesNotContain(redis.AllKeys(), k => k.Contains(user, StringComparison.Ordinal) || k.Contains(conversation, StringComparison.Ordinal) || k.Contains(welcomeOnly, StringComparison.Ordinal));
        var left = await ValuesAsync();
        Assert.DoesNotContain(left, v => v.Contains(user, StringComparison.Ordinal));
        Assert.DoesNotContain(left, v => v.Contains(conversation, StringComparison.Ordinal));
        foreach (var text in texts) Assert.DoesNotContain(left, v => v.Contains(text, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await chat.ReadAsync(conversation)).StatusCode);
        Assert.DoesNotContain(await chat.OpenHandoffsAsync(), h => h == conversation);

        // Only the user's: the other customer's handoff and transcript are intact, and a repeat is harmless.
        Assert.Contains(left, v => v.Contains(other, StringComparison.Ordinal));
        Assert.Contains(await chat.OpenHandoffsAsync(), h => h == otherConversation);
        Assert.Equal(HttpStatusCode.OK, (await chat.ReadAsync(otherConversation)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);
    }

    /// <summary>Every value of every key: strings, hashes (fields and values), lists, sets, sorted sets, streams.</summary>
    private async Task<List<string>> ValuesAsync()
    {
        var db = redis.Connection.GetDatabase();
        var all = new List<string>();
        foreach (var key in redis.AllKeys())
        {
            IEnumerable<RedisValue> values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }),
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Set => await db.SetMembersAsync(key),
                RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
                RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values).SelectMany(v => new[] { v.Name, v.Value }),
                _ => [],
            };
            // Binary documents (the conversation store's) are UTF-8 JSON too, so a text search finds ids in them.
            all.AddRange(values.Where(v => !v.IsNull).Select(v => System.Text.Encoding.UTF8.GetString((byte[])v!)));
        }
        return all;
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>The embedded default (no Redis): the transcript and the handoff go too.</summary>
public sealed class UserErasureEmbeddedTests : IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["DirectLine:Secrets:0"] = ChatDriver.Secret });

    [Fact]
    public async Task Deleting_a_user_removes_their_direct_line_transcripts_and_handoff()
    {
        var client = _factory.CreateClient();
        var chat = new ChatDriver(client);
        var (user, conversation) = await chat.StartAnonymousAsync();
        await chat.SayAsync(conversation, user, "I want to talk to a human agent");
        var welcomeOnly = await chat.StartWithSecretAsync(user);
        var (other, otherConversation) = await chat.StartAnonymousAsync();
        await chat.SayAsync(otherConversation, other, "I want to talk to a human agent");
        Assert.Contains(await chat.OpenHandoffsAsync(), h => h == conversation);
        Assert.Equal(HttpStatusCode.OK, (await chat.ReadAsync(welcomeOnly)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await chat.ReadAsync(conversation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chat.ReadAsync(welcomeOnly)).StatusCode);
        var open = await chat.OpenHandoffsAsync();
        Assert.DoesNotContain(conversation, open);
        Assert.Contains(otherConversation, open);
        Assert.Equal(HttpStatusCode.OK, (await chat.ReadAsync(otherConversation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{user}/context")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>Drives Direct Line the way Web Chat does: the page's token endpoint, then the Direct Line 3.0 routes.</summary>
internal sealed class ChatDriver(HttpClient client)
{
    public const string Secret = "erasure-test-secret-0123456789";

    /// <summary>Text unique to one run, so finding it in storage can only mean this test's chat.</summary>
    public static string Secretly(string word) => $"{word}-{Guid.NewGuid():N}";

    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>An anonymous Web Chat user: the token endpoint makes the dl_... user id the agent will see as from.id.</summary>
    public async Task<(string User, string Conversation)> StartAnonymousAsync()
    {
        var issued = await ReadJsonAsync(await client.PostAsync("/api/v1/directline/token", null));
        var (token, user) = ((string)issued["token"]!, (string)issued["userId"]!);
        var started = await ReadJsonAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, null));
        var conversation = (string)started["conversationId"]!;
        _tokens[conversation] = token;
        return (user, conversation);
    }

    /// <summary>A conversation the shop's server started for a known user (gets the welcome, nothing else).</summary>
    public async Task<string> StartWithSecretAsync(string user)
    {
        var started = await ReadJsonAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations", Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = user } }));
        var conversation = (string)started["conversationId"]!;
        _tokens[conversation] = Secret;
        return conversation;
    }

    public async Task SayAsync(string conversation, string user, string text)
    {
        var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities", _tokens[conversation],
            new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = user }, ["text"] = text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<HttpResponseMessage> ReadAsync(string conversation) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities", Secret, null);

    public async Task<List<string>> OpenHandoffsAsync()
    {
        var list = await client.GetFromJsonAsync<JsonArray>("/api/v1/handoffs");
        return list!.Select(h => (string)h!["conversationId"]!).ToList();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string credential, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (body is not null) request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
