using System.Net;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// The API rate limit is keyed on who the client is, as far as the server can tell: a configured key it
/// presents, else its address. A made-up X-Api-Key buys no fresh bucket, and key guessing is throttled per address.
/// </summary>
public sealed class RateLimitIdentityTests
{
    private const string KeyA = "rate-key-a-0123456789";
    private const string KeyB = "rate-key-b-0123456789";

    [Fact]
    public async Task Each_valid_key_has_its_own_bucket()
    {
        using var factory = Start(new() { ["Api:Keys:0"] = KeyA, ["Api:Keys:1"] = KeyB, ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" });
        using var a = Client(factory, "127.0.0.1", KeyA);
        using var b = Client(factory, "127.0.0.1", KeyB);

        var statuses = await SendAsync(a, 10);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        // Same address, another client's key: its own bucket, so not limited by a's burst.
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/v1/model")).StatusCode);
    }

    [Fact]
    public async Task Each_address_has_its_own_bucket_without_keys()
    {
        using var factory = Start(new() { ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" });
        using var first = Client(factory, "127.0.0.2");
        using var second = Client(factory, "127.0.0.3");

        Assert.Contains(HttpStatusCode.TooManyRequests, await SendAsync(first, 10));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/model")).StatusCode);
    }

    [Fact]
    public async Task A_different_made_up_key_on_each_request_buys_no_fresh_bucket()
    {
        using var factory = Start(new() { ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" });
        using var client = Client(factory, "127.0.0.4");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/model");
            request.Headers.Add("X-Api-Key", Guid.NewGuid().ToString("N"));
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 5, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Key_guessing_is_throttled_per_address_and_then_not_even_a_right_key_is_checked()
    {
        using var factory = Start(new() { ["Api:Keys:0"] = KeyA, ["Api:RateLimit:FailedKeyAttemptsPerMinute"] = "3" });
        using var guesser = Client(factory, "127.0.0.5");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/model");
            request.Headers.Add("X-Api-Key", $"guess-{i}");
            var response = await guesser.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled ??= response;
        }
        // Three failures a minute (one back every 20 s): three 401s, then 429 for the rest of the run.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses.Take(4));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 15, string.Join(", ", statuses));
        Assert.True(throttled!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await BadInputTests.AssertProblemAsync(throttled, HttpStatusCode.TooManyRequests, "invalid API key");

        // The right key from the throttled address is refused too (no oracle); from another address it works.
        using var rightFromGuesser = Client(factory, "127.0.0.5", KeyA);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rightFromGuesser.GetAsync("/api/v1/model")).StatusCode);
        using var rightElsewhere = Client(factory, "127.0.0.6", KeyA);
        Assert.Equal(HttpStatusCode.OK, (await rightElsewhere.GetAsync("/api/v1/model")).StatusCode);
        // The metrics endpoint shares the throttle.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/metrics")).StatusCode);
    }

    private static IntentBotFactory Start(Dictionary<string, string?> settings)
    {
        var factory = new IntentBotFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    private static HttpClient Client(IntentBotFactory factory, string address, string? key = null)
    {
        using var probe = factory.CreateClient();
        var client = LoopbackClient.From(address, probe.BaseAddress!);
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<List<HttpStatusCode>> SendAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++) statuses.Add((await client.GetAsync("/api/v1/model")).StatusCode);
        return statuses;
    }
}
