using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IntentBot.Abuse.Tests;

/// <summary>A server with every limit and credential switched on: rate limits, API keys, Bot Connector JWT.</summary>
public sealed class LockedDownServer : IAsyncLifetime
{
    public const string AppId = "7c2b6d0e-abuse-app-id";
    public const string AppPassword = "abuse-app-password-91d8e6f3a2";

    public AbuseServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "1",
        ["Api:RateLimit:Burst"] = "2",
        ["DirectLine:TokenEndpointPermitsPerMinute"] = "2",
        ["BotConnector:AppId"] = AppId,
        ["BotConnector:AppPassword"] = AppPassword,
        // Nothing listens there: the keys can never be fetched, so no forged token can ever be checked against real ones.
        ["BotConnector:OpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openidconfiguration",
        ["BotConnector:TokenEndpoint"] = "http://127.0.0.1:9/token",
        ["BotConnector:RequireHttps"] = "false",
    });

    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Http = Server.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class LockedDownTests(LockedDownServer fixture) : IClassFixture<LockedDownServer>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Classification_rate_limit_answers_429_problem_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 15; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/classify") { Content = Json("{\"text\":\"hello\"}") };
            request.Headers.Add("X-Api-Key", AbuseServer.ApiKey);
            var response = await fixture.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null, "429 without Retry-After");
    }

    [Fact]
    public async Task Direct_Line_token_endpoint_is_rate_limited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await fixture.Http.PostAsync("/api/v1/directline/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Bot_Connector_with_app_id_refuses_every_unauthenticated_or_forged_request()
    {
        var probe = new Probe(fixture.Http);
        var activity = new Obj().Add("type", "message").Add("id", "a1").Add("channelId", "msteams").Add("serviceUrl", "https://smba.trafficmanager.net/emea/")
            .Add("from", new Obj().Add("id", "u1")).Add("recipient", new Obj().Add("id", LockedDownServer.AppId)).Add("conversation", new Obj().Add("id", "c1")).Add("text", "hi");
        for (var i = 0; i < 200; i++)
        {
            var seed = 7_000_000 + i;
            var f = new Fuzzer(seed);
            var header = f.Next(6) switch
            {
                0 => null,
                1 => "Bearer " + ForgedJwt(f, "RS256"),
                2 => "Bearer " + ForgedJwt(f, f.Pick(["none", "HS256", "ES256", ""])),
                3 => "Bearer " + f.RandomString(200).Where(c => c is > ' ' and < '\u007f').Aggregate("", (s, c) => s + c),
                4 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(LockedDownServer.AppId + ":" + LockedDownServer.AppPassword)),
                _ => "Bearer " + LockedDownServer.AppPassword,
            };
            // The metadata endpoint here is unreachable by design: with no Bearer token the answer is 401; a Bearer token
            // cannot be checked without the channel's keys, so it gets 503 (InboundAuthTests check forged tokens against
            // real keys). Either way the request is refused before its body is read.
            var expected = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? 503 : 401;
            await probe.SendAsync(HttpMethod.Post, "/api/messages", f.Mutate(activity, 1024 * 1024), ErrorShape.Problem, $"api/messages locked seed={seed}",
                header is null ? null : h => h.TryAddWithoutValidation("Authorization", header), expected);
        }
        probe.AssertClean("POST /api/messages (AppId set, no valid token)");
        AssertNoSecretLogged();
    }

    /// <summary>A well-formed JWT that claims to be from the Bot Framework for our app id, signed by nobody we trust.</summary>
    private static string ForgedJwt(Fuzzer f, string alg)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\",\"kid\":\"{f.Pick(["k1", "../../etc", "", "x\\u0000"])}\"}}");
        var payload = B64($"{{\"iss\":\"https://api.botframework.com\",\"aud\":\"{LockedDownServer.AppId}\",\"exp\":{now + f.Next(-1000, 100_000)},\"nbf\":{now - 10},\"serviceurl\":\"https://smba.trafficmanager.net/emea/\"}}");
        var signature = new byte[f.Pick([0, 32, 256])];
        f.Random.NextBytes(signature);
        return $"{header}.{payload}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    private void AssertNoSecretLogged()
    {
        string[] secrets = [AbuseServer.ApiKey, AbuseServer.DirectLineSecret, AbuseServer.SigningKey, LockedDownServer.AppPassword];
        var leaks = fixture.Server.Logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).Take(5).ToList();
        Assert.True(leaks.Count == 0, "a secret was logged:\n" + string.Join("\n", leaks));
    }
}
