using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Agent.Desk;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using IntentBot.Server.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests.Desk;

/// <summary>The desk's sign-in, access rules, validation, service hours, erasure and OpenAPI entries, on the real server.</summary>
public sealed class DeskApiTests
{
    private const string Key = "desk-api-test-key-0123456789";
    private const string Secret = "correct horse battery staple";
    private static readonly string Hash = SecretHash.Create(Secret, SecretHash.MinIterations);

    private static Dictionary<string, string?> WithAgents() => new()
    {
        ["Desk:Agents:0:Name"] = "Maria",
        ["Desk:Agents:0:SecretHash"] = Hash,
        ["Api:Keys:0"] = Key,
    };

    [Fact]
    public async Task With_no_keys_or_accounts_the_desk_is_open_like_the_rest_of_the_local_api()
    {
        await using var factory = new IntentBotFactory();
        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/handoffs")).StatusCode);
        var session = await http.GetFromJsonAsync<JsonElement>("/api/v1/desk/session");
        Assert.True(session.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task With_accounts_the_desk_needs_a_session_or_a_key_and_changes_need_the_csrf_token()
    {
        await using var factory = new IntentBotFactory(WithAgents());
        var http = factory.CreateClient(new() { HandleCookies = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/handoffs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/desk/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/desk/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, "Maria", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, "Nobody", Secret)).StatusCode);
        // A form post from another site is not JSON: refused before any secret is checked.
        var form = await http.PostAsync("/api/v1/desk/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Maria", ["secret"] = Secret }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);

        var signedIn = await SignInAsync(http, "maria", Secret);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var setCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DeskSessions.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];
        var csrf = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await Send(http, HttpMethod.Get, "/api/v1/handoffs", cookie)).StatusCode);
        var me = await (await Send(http, HttpMethod.Get, "/api/v1/desk/session", cookie)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("maria", me.GetProperty("agent").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, HttpMethod.Post, "/api/v1/conversations/c-1/claim", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(http, HttpMethod.Post, "/api/v1/conversations/c-1/claim", cookie, csrf: "not-it")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, HttpMethod.Post, "/api/v1/conversations/c-1/claim", cookie, csrf)).StatusCode);

        // A cookie changed by one character, or signed by another server's key, is no session.
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, HttpMethod.Get, "/api/v1/handoffs", tampered)).StatusCode);
        await using (var other = new IntentBotFactory(WithAgents()))
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(other.CreateClient(), HttpMethod.Get, "/api/v1/handoffs", cookie)).StatusCode);

        // An API key signs in too (as the name given), and works as a header on its own.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(http, "Operator Olga", Key)).StatusCode);
        var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/handoffs");
        keyed.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(keyed)).StatusCode);
    }

    [Fact]
    public async Task Sessions_end_when_the_agent_secret_changes()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var settings = WithAgents();
        settings["Desk:SessionSigningKey"] = key;
        string cookie;
        await using (var before = new IntentBotFactory(settings))
        {
            var signedIn = await SignInAsync(before.CreateClient(), "Maria", Secret);
            cookie = signedIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await Send(before.CreateClient(), HttpMethod.Get, "/api/v1/handoffs", cookie)).StatusCode);
        }
        await using (var sameKey = new IntentBotFactory(settings))
            Assert.Equal(HttpStatusCode.OK, (await Send(sameKey.CreateClient(), HttpMethod.Get, "/api/v1/handoffs", cookie)).StatusCode);
        settings["Desk:Agents:0:SecretHash"] = SecretHash.Create("a new secret", SecretHash.MinIterations);
        await using var after = new IntentBotFactory(settings);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(after.CreateClient(), HttpMethod.Get, "/api/v1/handoffs", cookie)).StatusCode);
    }

    [Fact]
    public async Task Bad_desk_requests_are_problem_details()
    {
        await using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Api:Keys:0"] = Key });
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var id = "c-bad-" + Guid.NewGuid().ToString("N")[..6];
        await HandOffAsync(factory, id, "u-bad");

        async Task Expect(HttpStatusCode status, string path, string? json, string? field = null)
        {
            var response = await http.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (field is not null) Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        var messages = $"/api/v1/conversations/{id}/messages";
        await Expect(HttpStatusCode.BadRequest, messages, """{"text":"  ","agent":{"name":"Maria"}}""", "text");
        await Expect(HttpStatusCode.BadRequest, messages, """{"text":"hello"}""", "agent.name");
        await Expect(HttpStatusCode.BadRequest, messages, """{"text":"hello","agent":{"name":"Ma\u0007ria"}}""", "agent.name");
        await Expect(HttpStatusCode.BadRequest, messages, $$$"""{"text":"{{{new string('x', 4001)}}}","agent":{"name":"Maria"}}""", "text");
        await Expect(HttpStatusCode.BadRequest, messages, """{"text":7,"agent":{"name":"Maria"}}""", "body");
        await Expect(HttpStatusCode.BadRequest, messages, "[1,2]", "body");
        await Expect(HttpStatusCode.BadRequest, messages, "{\"text\":");
        await Expect(HttpStatusCode.UnsupportedMediaType, messages, null); // no body, no JSON content type
        var notJson = await http.PostAsync(messages, new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        await Expect(HttpStatusCode.NotFound, "/api/v1/conversations/never-handed-off/messages", """{"text":"hello","agent":{"name":"Maria"}}""");
        await Expect(HttpStatusCode.BadRequest, $"/api/v1/conversations/{id}/handback", $$"""{"note":"{{new string('n', 1001)}}"}""", "note");
        await Expect(HttpStatusCode.BadRequest, $"/api/v1/conversations/{id}/claim", "{}", "agent.name");
        await Expect(HttpStatusCode.BadRequest, "/api/v1/conversations/" + new string('c', 257) + "/claim", """{"agent":{"name":"Maria"}}""", "conversationId");

        // Claimed by Maria: Tom gets 409 for claim, messages, typing and handback; Maria's own claim again is fine.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/v1/conversations/{id}/claim", Agent("Maria"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/v1/conversations/{id}/claim", Agent("maria"))).StatusCode);
        await Expect(HttpStatusCode.Conflict, $"/api/v1/conversations/{id}/claim", """{"agent":{"name":"Tom"}}""");
        await Expect(HttpStatusCode.Conflict, messages, """{"text":"mine now","agent":{"name":"Tom"}}""");
        await Expect(HttpStatusCode.Conflict, $"/api/v1/conversations/{id}/typing", """{"agent":{"name":"Tom"}}""");
        await Expect(HttpStatusCode.Conflict, $"/api/v1/conversations/{id}/handback", """{"agent":{"name":"Tom"}}""");
        var transcript = await http.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}/transcript");
        Assert.Single(transcript.GetProperty("entries").EnumerateArray(), e => e.GetProperty("text").GetString() == "Claimed by Maria");

        // Close (an operator key may end any handoff); afterwards the conversation is no longer handed off.
        var closed = await http.PostAsync($"/api/v1/conversations/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        await Expect(HttpStatusCode.NotFound, $"/api/v1/conversations/{id}/close", null);
    }

    // Open only on the day after tomorrow, 08:30-16:00 UTC: whenever a test runs, the desk is closed now.
    private static DayOfWeek OpenDay => DateTime.UtcNow.AddDays(2).DayOfWeek;

    private static IntentBotFactory ClosedNow(DayOfWeek openDay, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:Days:0"] = openDay.ToString(),
            ["Desk:ServiceHours:Opens"] = "08:30",
            ["Desk:ServiceHours:Closes"] = "16:00",
            ["Desk:ServiceHours:TimeZone"] = "UTC",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return new IntentBotFactory(settings);
    }

    [Fact]
    public async Task Outside_service_hours_the_customer_is_told_when_someone_answers_and_where_to_write()
    {
        var openDay = OpenDay;
        await using var factory = ClosedNow(openDay, ("Desk:ContactEmail", "help@shop.example"));
        var replies = await HandOffAsync(factory, "c-hours-" + Guid.NewGuid().ToString("N")[..6], "u-hours");
        var notice = Assert.Single(replies, r => r.Text?.Contains("nobody is here right now", StringComparison.Ordinal) == true).Text!;
        Assert.Contains($"{openDay}, 08:30–16:00 (UTC)", notice, StringComparison.Ordinal);
        Assert.Contains("at 08:30", notice, StringComparison.Ordinal);
        Assert.Contains("e-mail us at help@shop.example", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_service_hours_a_chinese_customer_is_told_the_hours_in_chinese()
    {
        var openDay = OpenDay;
        await using var factory = ClosedNow(openDay);
        var replies = await HandOffAsync(factory, "c-hours-zh-" + Guid.NewGuid().ToString("N")[..6], "u-hours-zh", "我要找人工客服");
        var notice = Assert.Single(replies, r => r.Text?.Contains("现在暂时无人值守", StringComparison.Ordinal) == true).Text!;
        var day = new[] { "周日", "周一", "周二", "周三", "周四", "周五", "周六" }[(int)openDay];
        Assert.Contains($"工作时间为 {day} 08:30–16:00（UTC）", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(openDay.ToString(), notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_expected_wait_grows_with_the_queue_ahead()
    {
        await using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Desk:AverageHandleMinutes"] = "5", ["Desk:AgentsOnDuty"] = "2" });
        var first = await HandOffAsync(factory, "c-wait-1", "u-wait-1");
        Assert.Contains(first, r => r.Text?.Contains("next in line: someone should be with you in about 3 minutes", StringComparison.Ordinal) == true);
        var second = await HandOffAsync(factory, "c-wait-2", "u-wait-2");
        Assert.Contains(second, r => r.Text?.Contains("There is 1 person ahead of you; the expected wait is about 5 minutes", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_customer_who_asks_for_a_person_in_chinese_is_told_the_wait_and_the_handback_in_chinese()
    {
        await using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Desk:AverageHandleMinutes"] = "5", ["Desk:AgentsOnDuty"] = "2" });
        var id = "c-zh-" + Guid.NewGuid().ToString("N")[..6];
        var replies = await HandOffAsync(factory, id, "u-zh", "我要找人工客服");
        Assert.Contains(replies, r => r.Text?.Contains("大约 3 分钟内会有客服同事为您服务", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(replies, r => r.Text?.Contains("next in line", StringComparison.Ordinal) == true);

        var address = await factory.Services.GetRequiredService<IDeskStore>().GetAddressAsync(id, CancellationToken.None);
        Assert.Equal("zh-CN", address?.Locale);
    }

    [Fact]
    public async Task Erasing_a_user_removes_their_desk_transcript()
    {
        await using var factory = new IntentBotFactory();
        var http = factory.CreateClient();
        var user = "u-erase-" + Guid.NewGuid().ToString("N")[..6];
        await HandOffAsync(factory, "c-erase-1", user);
        await factory.Services.GetRequiredService<IBot>().OnTurnAsync(Message("c-erase-1", user, "my secret address is 12 Elm Street"), CancellationToken.None);
        var transcript = await http.GetFromJsonAsync<JsonElement>("/api/v1/conversations/c-erase-1/transcript");
        Assert.Contains(transcript.GetProperty("entries").EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains("12 Elm Street", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/users/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/conversations/c-erase-1/transcript")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_desk_api()
    {
        await using var factory = new IntentBotFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/v1/handoffs", "get"), ("/api/v1/conversations/{conversationId}/transcript", "get"),
            ("/api/v1/conversations/{conversationId}/claim", "post"), ("/api/v1/conversations/{conversationId}/messages", "post"),
            ("/api/v1/conversations/{conversationId}/handback", "post"), ("/api/v1/conversations/{conversationId}/close", "post"),
            ("/api/v1/desk/events", "get"), ("/api/v1/desk/session", "post"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path}");
        }
        var send = paths.GetProperty("/api/v1/conversations/{conversationId}/messages").GetProperty("post");
        Assert.True(send.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Theory]
    [InlineData("Desk:Agents:0:SecretHash", "plain-text-password", "SecretHash")]
    [InlineData("Desk:ServiceHours:TimeZone", "Mars/Olympus_Mons", "TimeZone")]
    [InlineData("Desk:SessionSigningKey", "c2hvcnQ=", "SessionSigningKey")]
    [InlineData("Desk:ContactEmail", "not an address", "ContactEmail")]
    public async Task Bad_desk_options_stop_start_up(string key, string value, string mention)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartUp.StartAndStopAsync(key, value));
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_hashes_verify_only_their_secret()
    {
        Assert.True(SecretHash.Verify(Secret, Hash));
        Assert.False(SecretHash.Verify(Secret + " ", Hash));
        Assert.False(SecretHash.Verify(Secret, Hash.Replace("pbkdf2-sha256$100000$", "pbkdf2-sha256$100001$", StringComparison.Ordinal)));
        Assert.NotEqual(Hash, SecretHash.Create(Secret, SecretHash.MinIterations)); // salted
        Assert.NotNull(SecretHash.Problem("pbkdf2-sha256$1000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=="));
    }

    /// <summary>docs/desk.md makes hashes with Python's hashlib.pbkdf2_hmac: this one came from its one-liner (fixed salt).</summary>
    [Fact]
    public void A_hash_made_the_documented_way_with_python_verifies()
    {
        const string fromPython = "pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$egzamATZ9EQRg50KydSD1lfcPED7O+nCyyAo2m4nVQ4=";
        Assert.Null(SecretHash.Problem(fromPython));
        Assert.True(SecretHash.Verify("correct horse ✓", fromPython));
        Assert.False(SecretHash.Verify("correct horse", fromPython));
    }

    private static JsonObject Agent(string name) => new() { ["agent"] = new JsonObject { ["name"] = name } };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string name, string secret) =>
        http.PostAsJsonAsync("/api/v1/desk/session", new JsonObject { ["name"] = name, ["secret"] = secret });

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string cookie, string? csrf = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (csrf is not null) request.Headers.Add(DeskSessions.CsrfHeader, csrf);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return http.SendAsync(request);
    }

    private static async Task<IReadOnlyList<Activity>> HandOffAsync(IntentBotFactory factory, string conversationId, string userId, string text = "I want to talk to a human agent")
    {
        var result = await factory.Services.GetRequiredService<IBot>().OnTurnAsync(Message(conversationId, userId, text), CancellationToken.None);
        Assert.Contains(result.Replies, a => a.Type == ActivityTypes.Event && a.Name == "handoff");
        return result.Replies;
    }

    private static Activity Message(string conversationId, string userId, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "test",
        ServiceUrl = "http://127.0.0.1:9/",
        Text = text,
        From = new ChannelAccount { Id = userId },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
    };
}
