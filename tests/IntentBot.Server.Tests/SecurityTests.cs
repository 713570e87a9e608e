using System.Net;

namespace IntentBot.Server.Tests;

public sealed class ApiKeyTests : IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["Api:Keys:0"] = "shop-key-1", ["Api:Keys:1"] = "shop-key-2" });

    [Fact]
    public async Task Requests_without_a_valid_key_are_refused()
    {
        var client = _factory.CreateClient();
        var none = await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hi"}"""));
        await BadInputTests.AssertProblemAsync(none, HttpStatusCode.Unauthorized, "X-Api-Key");

        client.DefaultRequestHeaders.Add("X-Api-Key", "shop-key-3");
        await BadInputTests.AssertProblemAsync(await client.GetAsync("/api/v1/model"), HttpStatusCode.Unauthorized, "API key");
    }

    [Fact]
    public async Task Any_configured_key_is_accepted_and_health_stays_open()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", "shop-key-2");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hi"}"""))).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class RateLimitTests : IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "1",
        ["Api:RateLimit:Burst"] = "3",
    });

    [Fact]
    public async Task Bursts_over_the_limit_get_429_with_retry_after()
    {
        var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hi"}"""));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await BadInputTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "Rate limit");
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class SaturationTests : IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["Nlu:QueueCapacity"] = "2" });

    [Fact]
    public async Task A_full_inference_queue_answers_503_with_retry_after()
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsync("/api/v1/classify", Json.Body("""{"texts":["a","b","c"]}"""));
        Assert.NotNull(response.Headers.RetryAfter);
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "queue is full");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/classify", Json.Body("""{"texts":["a","b"]}"""))).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
