using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// redis-server frozen (SIGSTOP) under a running server: every route that needs Redis answers 503 with Retry-After
/// within the operation timeout (handoffs and handback included), and every other route answers without a 5xx or
/// a hang. The walk covers every route the server maps, so a route added later is checked too.
/// </summary>
public sealed class RedisDownRouteTests : IDisposable
{
    private const string Secret = "redis-down-secret-0123456789";
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(500);
    // The timeout, plus room for a loaded test machine; the failures this catches took 5-6 s.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    /// <summary>Routes that touch no Redis: they must still answer, but not 503.</summary>
    private static readonly HashSet<string> NotRedisBacked = new(StringComparer.Ordinal)
    {
        "/", "/embed.js", "/webchat/webchat.js", "/health/live", "/health/ready", "/api/v1/classify", "/api/v1/model",
        "/openapi/{documentName}.json", "/v3/directline/tokens/generate", "/v3/directline/tokens/refresh", "/api/v1/directline/token",
        // Deduplication fails open by design and the turn runs after the 202 (the channel must not resend it).
        "/api/messages",
    };

    private readonly RedisNode _redis = RedisNode.StartStandalone();
    private readonly IntentBotFactory _factory;

    private readonly ITestOutputHelper _output;

    public RedisDownRouteTests(ITestOutputHelper output)
    {
        _output = output;
        _factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString("abortConnect=false,connectTimeout=500,syncTimeout=5000,asyncTimeout=5000"),
            ["Context:OperationTimeout"] = "00:00:00.500",
            ["DirectLine:Secrets:0"] = Secret,
            ["BotConnector:MaxSendAttempts"] = "1",
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
    }

    [Fact]
    public async Task Every_route_answers_in_time_and_the_redis_backed_ones_with_503_and_retry_after()
    {
        using var client = _factory.CreateClient();
        var started = await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", """{"user":{"id":"walker"}}""");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversation = (await Json.ReadAsync(started))["conversationId"]!.GetValue<string>();
        var streamUrl = (await Json.ReadAsync(await SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{conversation}", null)))["streamUrl"]!.GetValue<string>();

        _redis.Pause();
        try
        {
            var redisBacked = new (string Pattern, HttpMethod Method, string Path, string? Body)[]
            {
                ("/api/v1/users/{**id}", HttpMethod.Delete, "/api/v1/users/walker", null),
                ("/api/v1/users/{id}/context", HttpMethod.Get, "/api/v1/users/walker/context", null),
                ("/api/v1/events", HttpMethod.Post, "/api/v1/events",
                    $$"""{"events":[{"eventId":"e1","type":"search","userId":"walker","sessionId":"s1","timestamp":"{{DateTimeOffset.UtcNow:O}}","query":"kettle"}]}"""),
                ("/api/v1/handoffs", HttpMethod.Get, "/api/v1/handoffs", null),
                ("/api/v1/conversations/{conversationId}/handback", HttpMethod.Post, $"/api/v1/conversations/{conversation}/handback", null),
                ("/v3/directline/conversations", HttpMethod.Post, "/v3/directline/conversations", """{"user":{"id":"walker"}}"""),
                ("/v3/directline/conversations/{conversationId}", HttpMethod.Get, $"/v3/directline/conversations/{conversation}", null),
                ("/v3/directline/conversations/{conversationId}/activities", HttpMethod.Post, $"/v3/directline/conversations/{conversation}/activities",
                    """{"type":"message","from":{"id":"walker"},"text":"hello"}"""),
                ("/v3/directline/conversations/{conversationId}/activities", HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities", null),
            };
            var failures = new List<string>();
            foreach (var (_, method, path, body) in redisBacked)
            {
                var clock = Stopwatch.StartNew();
                var response = await SendAsync(client, method, path, body);
                clock.Stop();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null || clock.Elapsed > Bound)
                    failures.Add($"{method} {path}: {(int)response.StatusCode}, Retry-After {response.Headers.RetryAfter}, {clock.ElapsedMilliseconds} ms");
            }

            // The stream's upgrade is refused with 503 before the WebSocket opens.
            using (var socket = new ClientWebSocket())
            {
                socket.Options.CollectHttpResponseDetails = true;
                var clock = Stopwatch.StartNew();
                await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None));
                if (socket.HttpStatusCode != HttpStatusCode.ServiceUnavailable || clock.Elapsed > Bound)
                    failures.Add($"stream: {(int)socket.HttpStatusCode}, {clock.ElapsedMilliseconds} ms");
            }

            // Every other route the server maps: an answer in time, never a 5xx other than 503.
            var walked = redisBacked.Select(r => r.Pattern).Append("/v3/directline/conversations/{conversationId}/stream").ToHashSet(StringComparer.Ordinal);
            var others = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => !walked.Contains(e.RoutePattern.RawText!))
                .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Endpoint: e, Method: m)))
                .ToList();
            foreach (var (endpoint, method) in others)
            {
                var pattern = endpoint.RoutePattern.RawText!;
                var path = "/" + string.Join('/', pattern.TrimStart('/').Split('/').Select(segment => segment.StartsWith('{') ? (segment.Contains("conversation", StringComparison.OrdinalIgnoreCase) ? conversation : segment.Contains("documentName") ? "v1" : "walker") : segment));
                path = path.Replace("{documentName}", "v1", StringComparison.Ordinal);
                var clock = Stopwatch.StartNew();
                var response = await SendAsync(client, new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "{}");
                clock.Stop();
                var status = (int)response.StatusCode;
                var expected503 = !NotRedisBacked.Contains(pattern);
                if (clock.Elapsed > Bound || (status >= 500 && status != 503) || (status == 503 && response.Headers.RetryAfter is null))
                    failures.Add($"{method} {path} ({pattern}): {status} in {clock.ElapsedMilliseconds} ms{(expected503 ? " (not listed as free of Redis)" : "")}");
            }

            _output.WriteLine($"With Redis frozen: {redisBacked.Length + 1} Redis-backed requests (503 expected) and {others.Count} other route/method pairs walked.");
            Assert.True(failures.Count == 0, "With Redis frozen:\n" + string.Join('\n', failures));
            Assert.True(redisBacked.Length + others.Count >= 20, $"only {redisBacked.Length + others.Count} routes walked");
        }
        finally
        {
            _redis.Resume();
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        if (json is not null) request.Content = Json.Body(json);
        // Headers are the answer: a stream (the desk's server-sent events) never ends by itself.
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _redis.Dispose();
    }
}
