using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IntentBot.Abuse.Tests;

/// <summary>
/// Several hundred seeded hostile requests per public endpoint. Rules for every one: no 5xx, the right error
/// shape for the route, and afterwards the server is ready, the victim's state is unchanged, a normal
/// conversation and event batch work, memory is bounded and no credential was logged. Run twice: on the embedded
/// stores and on a real redis-server (the Lua scripts, transcripts and dedup sets get the same abuse).
/// </summary>
public abstract class EndpointFuzzTests(FuzzFixture fixture)
{
    private const int ApiLimit = 4 * 1024 * 1024;
    private const int DirectLineLimit = 256 * 1024;
    private const int ConnectorLimit = 1024 * 1024;

    private static readonly string[] WeirdIds =
    [
        "%00", "%FF", "%C0%80", "%ED%A0%80", "a%0Ab", "%09", "%20", "..", "%2E%2E", "%2F", "a%2Fb", "%E2%80%AE", "%F0%9F%98%80", "%7Bu%3Ax%7D", "*", "'", "%22", "%5C",
    ];

    private static readonly string[] WeirdWatermarks =
        ["-1", "0", "1", "-0", "1e309", "NaN", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5", "%00", "abc", "", "+1", " 1", "0x10", "99999999999999999999999", "%E2%80%AE1"];

    private static Action<HttpRequestHeaders> Bearer(string credential) => h => h.TryAddWithoutValidation("Authorization", "Bearer " + credential);

    private static string RandomPathSegment(Fuzzer f) => f.Next(4) switch
    {
        0 => f.Pick(WeirdIds),
        1 => new string('u', f.Next(100, 9000)),
        2 => Uri.EscapeDataString(f.RandomString(60).Replace("\ud800", "", StringComparison.Ordinal)) is { Length: > 0 } s ? s : "x",
        _ => string.Concat(Enumerable.Range(0, f.Next(1, 6)).Select(_ => f.Pick(WeirdIds))),
    };

    private static string RandomQueryValue(Fuzzer f) => f.Next(3) switch
    {
        0 => f.Pick(WeirdWatermarks),
        1 => new string('9', f.Next(20, 5000)),
        _ => Uri.EscapeDataString(new string(f.RandomString(40).Where(c => !char.IsSurrogate(c)).ToArray())),
    };

    [Fact]
    public async Task Classify_survives_hostile_bodies()
    {
        var probe = new Probe(fixture.Http);
        for (var i = 0; i < 400; i++)
        {
            var seed = 1_000_000 + i;
            var f = new Fuzzer(seed);
            var template = f.Chance(0.5)
                ? new Obj().Add("text", "where is my parcel").Add("topK", 3)
                : new Obj().Add("texts", new List<object?> { "hello", "cancel my order", "refund please" }).Add("topK", 2);
            var body = f.Mutate(template, ApiLimit);
            await probe.SendAsync(HttpMethod.Post, "/api/v1/classify", body, ErrorShape.Problem, $"classify seed={seed}", null, 200, 400, 413, 415);
        }
        probe.AssertClean("POST /api/v1/classify");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Events_survive_hostile_bodies_and_rejected_batches_store_nothing()
    {
        var probe = new Probe(fixture.Http);
        for (var i = 0; i < 400; i++)
        {
            var seed = 2_000_000 + i;
            var f = new Fuzzer(seed);
            var user = "fuzz-user-" + f.Next(20);
            var body = f.Mutate(FuzzFixture.Event($"ev-{seed}", user, f.Pick(["view", "add_to_cart", "search", "page_view", "purchase"])), ApiLimit);
            // Mostly the broken event sits in a batch, so the per-event validation is what gets exercised.
            if (f.Chance(0.7) && body.Bytes.Length is > 0 and < ApiLimit)
            {
                var wrapped = Encoding.UTF8.GetBytes("{\"events\":[").Concat(body.Bytes).Concat("]}"u8.ToArray()).ToArray();
                body = body with { Bytes = wrapped, Kind = body.Kind + " (in a batch)" };
            }
            await probe.SendAsync(HttpMethod.Post, "/api/v1/events", body, ErrorShape.Problem, $"events seed={seed}", null, 200, 400, 413, 415);
        }

        // Batches that carry a good event for the victim next to a bad one: all refused, nothing of them stored.
        string[] badValues = ["1e309", "-0.00001", "\"NaN\"", "-1", "null", "\"19.99\"", "100000000.01", "1e29", "\"\\ud800\""];
        for (var i = 0; i < badValues.Length; i++)
        {
            var bad = FuzzFixture.Event($"victim-bad-{i}", FuzzFixture.Victim);
            bad[bad.FindIndex(m => m.Key == "price")] = new("price", new Raw(badValues[i]));
            var batch = new Obj().Add("events", new List<object?> { FuzzFixture.Event($"victim-good-{i}", FuzzFixture.Victim), bad });
            var body = new FuzzBody(Encoding.UTF8.GetBytes(Fuzzer.Serialize(batch)), "application/json", $"victim batch with price {badValues[i]}");
            await probe.SendAsync(HttpMethod.Post, "/api/v1/events", body, ErrorShape.Problem, $"victim batch {i}", null, 400);
        }
        probe.AssertClean("POST /api/v1/events");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task User_routes_survive_hostile_ids_and_queries()
    {
        var probe = new Probe(fixture.Http);
        for (var i = 0; i < 300; i++)
        {
            var seed = 3_000_000 + i;
            var f = new Fuzzer(seed);
            var id = RandomPathSegment(f);
            if (f.Chance(0.5))
            {
                var query = f.Chance(0.6) ? "?sessionId=" + RandomQueryValue(f) + (f.Chance(0.2) ? "&sessionId=a&sessionId=b" : "") : "";
                await probe.SendAsync(HttpMethod.Get, $"/api/v1/users/{id}/context{query}", null, ErrorShape.Problem, $"context seed={seed} id={Short(id)}", null, 200, 400, 404);
            }
            else
            {
                await probe.SendAsync(HttpMethod.Delete, $"/api/v1/users/{id}", null, ErrorShape.Problem, $"delete seed={seed} id={Short(id)}", null, 204, 400, 404, 405);
            }
        }
        probe.AssertClean("GET /api/v1/users/{id}/context, DELETE /api/v1/users/{id}");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Handoff_routes_survive_hostile_ids()
    {
        var probe = new Probe(fixture.Http);
        for (var i = 0; i < 200; i++)
        {
            var seed = 6_000_000 + i;
            var f = new Fuzzer(seed);
            if (f.Chance(0.2))
            {
                await probe.SendAsync(HttpMethod.Get, "/api/v1/handoffs" + (f.Chance(0.5) ? "?x=" + RandomQueryValue(f) : ""), null, ErrorShape.Problem, $"handoffs seed={seed}", null, 200);
                continue;
            }
            var id = RandomPathSegment(f);
            var body = f.Chance(0.5) ? f.Mutate(new Obj().Add("note", "back to bot"), ApiLimit) : null;
            await probe.SendAsync(HttpMethod.Post, $"/api/v1/conversations/{id}/handback", body, ErrorShape.Problem, $"handback seed={seed} id={Short(id)}", null, 400, 404, 413);
        }
        probe.AssertClean("GET /api/v1/handoffs, POST /api/v1/conversations/{id}/handback");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Direct_Line_survives_hostile_requests()
    {
        var probe = new Probe(fixture.Http);
        var (conversationId, token, userId) = await fixture.StartConversationAsync();
        var (otherConversation, _, _) = await fixture.StartConversationAsync();
        string[] routes = ["activities", "getActivities", "reconnect", "generate", "start", "refresh", "stream", "badAuth", "tokenEndpoint"];
        for (var i = 0; i < 600; i++)
        {
            var seed = 4_000_000 + i;
            var f = new Fuzzer(seed);
            var route = f.Pick(routes);
            var context = $"directline {route} seed={seed}";
            switch (route)
            {
                case "activities":
                {
                    var activity = new Obj().Add("type", "message").Add("from", new Obj().Add("id", userId).Add("name", "Fuzz"))
                        .Add("text", f.Pick(["hi", "where is my order", "cancel order 1001", "talk to a human"])).Add("locale", "en-US")
                        .Add("channelData", new Obj().Add("k", 1)).Add("value", new Obj().Add("v", "x")).Add("attachments", new List<object?>());
                    var target = f.Chance(0.9) ? conversationId : f.Chance(0.5) ? otherConversation : RandomPathSegment(f);
                    await probe.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{target}/activities", f.Mutate(activity, DirectLineLimit),
                        ErrorShape.DirectLine, context, Bearer(token), 200, 400, 403, 404, 413, 415);
                    break;
                }
                case "getActivities":
                    await probe.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={RandomQueryValue(f)}", null,
                        ErrorShape.DirectLine, context, Bearer(token), 200, 400);
                    break;
                case "reconnect":
                {
                    var target = f.Chance(0.5) ? conversationId : RandomPathSegment(f);
                    await probe.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{target}?watermark={RandomQueryValue(f)}", null,
                        ErrorShape.DirectLine, context, Bearer(f.Chance(0.5) ? token : AbuseServer.DirectLineSecret), 200, 400, 403, 404);
                    break;
                }
                case "generate":
                    await probe.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate",
                        f.Mutate(new Obj().Add("user", new Obj().Add("id", "dl_x").Add("name", "n")).Add("trustedOrigins", new List<object?> { "https://a" }), DirectLineLimit),
                        ErrorShape.DirectLine, context, Bearer(AbuseServer.DirectLineSecret), 200, 400, 413, 415);
                    break;
                case "start":
                    await probe.SendAsync(HttpMethod.Post, "/v3/directline/conversations",
                        f.Mutate(new Obj().Add("user", new Obj().Add("id", "u-" + f.Next(100))).Add("locale", "en-US"), DirectLineLimit),
                        ErrorShape.DirectLine, context, Bearer(AbuseServer.DirectLineSecret), 200, 201, 400, 413, 415);
                    break;
                case "refresh":
                    await probe.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", f.Chance(0.5) ? f.Mutate(new Obj(), DirectLineLimit) : null,
                        ErrorShape.DirectLine, context, Bearer(f.Chance(0.5) ? token : Tamper(f, token)), 200, 400, 403);
                    break;
                case "stream":
                    await probe.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/stream?watermark={RandomQueryValue(f)}&t={RandomQueryValue(f)}", null,
                        ErrorShape.DirectLine, context, f.Chance(0.5) ? Bearer(token) : null, 400, 401, 403);
                    break;
                case "badAuth":
                {
                    var header = f.Next(6) switch
                    {
                        0 => "Bearer " + Tamper(f, token),
                        1 => "Bearer " + new string('A', f.Next(1000, 20000)),
                        2 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("a:" + AbuseServer.DirectLineSecret)),
                        3 => "Bearer " + token + "." + token,
                        4 => "Bearer",
                        _ => "Bearer " + string.Join(".", Enumerable.Range(0, f.Next(1, 5)).Select(_ => Convert.ToBase64String(Encoding.UTF8.GetBytes(f.RandomString(30))))),
                    };
                    var path = f.Pick(new[] { $"/v3/directline/conversations/{conversationId}/activities", "/v3/directline/conversations", "/v3/directline/tokens/refresh", "/v3/directline/tokens/generate" });
                    var method = path.EndsWith("activities", StringComparison.Ordinal) && f.Chance(0.5) ? HttpMethod.Get : HttpMethod.Post;
                    await probe.SendAsync(method, path, method == HttpMethod.Post ? f.Mutate(new Obj().Add("type", "message"), DirectLineLimit) : null,
                        ErrorShape.DirectLine, context, h => h.TryAddWithoutValidation("Authorization", header), 401, 403);
                    break;
                }
                default:
                {
                    var response = await probe.SendAsync(HttpMethod.Post, "/api/v1/directline/token", f.Mutate(new Obj().Add("user", "x"), ApiLimit),
                        ErrorShape.Problem, context, null, 200, 400, 413, 415);
                    if (response.IsSuccessStatusCode)
                    {
                        var issued = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        fixture.IssuedTokens.Add(issued.RootElement.GetProperty("token").GetString()!);
                    }
                    break;
                }
            }
        }
        probe.AssertClean("/v3/directline/* and POST /api/v1/directline/token");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Bot_Connector_local_mode_survives_hostile_activities()
    {
        var probe = new Probe(fixture.Http);
        for (var i = 0; i < 300; i++)
        {
            var seed = 5_000_000 + i;
            var f = new Fuzzer(seed);
            var activity = new Obj().Add("type", f.Pick(["message", "conversationUpdate", "typing", "invoke", "event", "endOfConversation"])).Add("id", $"a-{seed}")
                .Add("channelId", f.Pick(["emulator", "msteams", "webchat"])).Add("serviceUrl", "http://127.0.0.1:9/")
                .Add("from", new Obj().Add("id", "user-" + f.Next(10))).Add("recipient", new Obj().Add("id", "bot"))
                .Add("conversation", new Obj().Add("id", "conv-" + f.Next(10))).Add("text", "where is my order").Add("name", "x")
                .Add("value", new Obj().Add("a", 1)).Add("membersAdded", new List<object?> { new Obj().Add("id", "user-1") })
                .Add("channelData", new Obj().Add("tenant", new Obj().Add("id", "t")));
            await probe.SendAsync(HttpMethod.Post, "/api/messages", f.Mutate(activity, ConnectorLimit), ErrorShape.Problem, $"api/messages seed={seed}", null,
                200, 202, 400, 413, 415, 501);
        }
        probe.AssertClean("POST /api/messages (local mode)");
        await fixture.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task Api_keys_are_enforced_on_every_api_route()
    {
        string[] badKeys = ["", "wrong", AbuseServer.ApiKey + "x", AbuseServer.ApiKey[..^1], AbuseServer.ApiKey.ToUpperInvariant(), new string('k', 10_000)];
        (HttpMethod Method, string Path, string? Body)[] routes =
        [
            (HttpMethod.Post, "/api/v1/classify", "{\"text\":\"hi\"}"), (HttpMethod.Get, "/api/v1/model", null),
            (HttpMethod.Post, "/api/v1/events", "{\"events\":[]}"), (HttpMethod.Get, "/api/v1/users/u1/context", null),
            (HttpMethod.Delete, "/api/v1/users/u1", null), (HttpMethod.Get, "/api/v1/handoffs", null),
            (HttpMethod.Post, "/api/v1/conversations/c1/handback", null),
        ];
        // The fuzz server has Api:Keys set and no rate limit, so every refusal here is the key check's own 401.
        using var keyless = fixture.Server.CreateClient();
        foreach (var (method, path, body) in routes)
        {
            foreach (var key in badKeys)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                if (key.Length > 0) request.Headers.Add("X-Api-Key", key);
                var response = await keyless.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized,
                    $"{method} {path} with key '{(key.Length > 20 ? key[..20] + "…" : key)}' answered {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        await fixture.AssertStillHealthyAsync();
    }

    /// <summary>
    /// An escaped lone surrogate passes JSON parsing and fails only when the string is read: each of these routes
    /// must refuse it as malformed, not fail later with a 500.
    /// </summary>
    [Fact]
    public async Task Escaped_lone_surrogates_are_a_400_not_a_500()
    {
        var probe = new Probe(fixture.Http);
        FuzzBody Body(string json) => new(Encoding.UTF8.GetBytes(json), "application/json", "lone surrogate");
        await probe.SendAsync(HttpMethod.Post, "/api/v1/classify", Body("{\"text\":\"a\\ud800b\"}"), ErrorShape.Problem, "classify text", null, 400);
        await probe.SendAsync(HttpMethod.Post, "/api/v1/classify", Body("{\"\\udc00\":1,\"text\":\"hi\"}"), ErrorShape.Problem, "classify key", null, 400);
        var bad = FuzzFixture.Event("surrogate-1", FuzzFixture.Victim);
        bad[bad.FindIndex(m => m.Key == "productId")] = new("productId", new Raw("\"\\udfff\""));
        await probe.SendAsync(HttpMethod.Post, "/api/v1/events", Body(Fuzzer.Serialize(new Obj().Add("events", new List<object?> { bad }))), ErrorShape.Problem, "events productId", null, 400);
        var (conversationId, token, userId) = await fixture.StartConversationAsync();
        await probe.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities",
            Body($"{{\"type\":\"message\",\"from\":{{\"id\":\"{userId}\"}},\"text\":\"hi\",\"value\":{{\"v\":\"\\ud800\"}}}}"), ErrorShape.DirectLine, "directline value", Bearer(token), 400);
        probe.AssertClean("lone surrogates");
        await fixture.AssertStillHealthyAsync();
    }

    private static string Tamper(Fuzzer f, string token)
    {
        var chars = token.ToCharArray();
        var at = f.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return f.Chance(0.3) ? token[..f.Next(token.Length)] : new string(chars);
    }

    private static string Short(string s) => s.Length > 60 ? s[..60] + $"…({s.Length} chars)" : s;
}

public sealed class EmbeddedStoreFuzzTests(FuzzFixture fixture) : EndpointFuzzTests(fixture), IClassFixture<FuzzFixture>;

public sealed class RedisStoreFuzzTests(RedisFuzzFixture fixture) : EndpointFuzzTests(fixture), IClassFixture<RedisFuzzFixture>;
