using System.Net;
using System.Net.Http.Headers;
using IntentBot.Context.Redis;
using IntentBot.Server.Tests.Behaviour;

namespace IntentBot.Server.Tests.Hardening;

/// <summary>
/// An anonymous Web Chat visitor (a dl_… user the page's token endpoint made) is never seen again after the page
/// closes: their state, profile and behaviour are kept for Context:AnonymousRetention, a known customer's for the
/// usual months.
/// </summary>
public sealed class AnonymousRetentionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task An_anonymous_visitors_keys_expire_with_the_short_retention_and_a_customers_keep_the_usual()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Context:AnonymousRetention"] = "02:00:00",
        });
        var client = factory.CreateClient();
        var issued = await Json.ReadAsync(await client.PostAsync("/api/v1/directline/token", null));
        var (token, visitor, conversation) = ((string)issued["token"]!, (string)issued["userId"]!, (string)issued["conversationId"]!);
        Assert.StartsWith("dl_", visitor);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, "/v3/directline/conversations", token, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, $"/v3/directline/conversations/{conversation}/activities", token,
            $$"""{"type":"message","from":{"id":"{{visitor}}"},"text":"hello"}""")).StatusCode);
        var customer = $"customer-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/events",
            Events.Batch(Events.Event(visitor, "search", query: "kettle"), Events.Event(customer, "search", query: "kettle")))).StatusCode);

        var db = redis.Connection.GetDatabase();
        var visitorKeys = redis.AllKeys().Where(k => k.Contains(RedisKeys.Tag(visitor), StringComparison.Ordinal)).ToList();
        Assert.True(visitorKeys.Count >= 3, $"the visitor's state, profile and behaviour are stored: {string.Join(", ", visitorKeys)}");
        foreach (var key in visitorKeys)
        {
            // The transcript's index follows DirectLine:TranscriptRetention (1 day), like the transcript it points to.
            var limit = key.Contains(":dl:", StringComparison.Ordinal) ? TimeSpan.FromDays(1) : TimeSpan.FromHours(2);
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t <= limit, $"{key} lives {ttl}");
        }
        var customerTtl = await db.KeyTimeToLiveAsync(redis.AllKeys().First(k => k.Contains(RedisKeys.Tag(customer), StringComparison.Ordinal) && k.EndsWith(":bh", StringComparison.Ordinal)));
        Assert.True(customerTtl > TimeSpan.FromDays(2), $"a customer's behaviour lives {customerTtl}");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string credential, string? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (json is not null) request.Content = Json.Body(json);
        return client.SendAsync(request);
    }
}
