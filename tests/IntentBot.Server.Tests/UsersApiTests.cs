using System.Diagnostics;
using System.Net;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests;

public sealed class UsersApiEmbeddedTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    [Fact]
    public async Task Deleting_a_user_erases_their_state_in_the_embedded_store()
    {
        var store = server.Factory.Services.GetRequiredService<IConversationStore>();
        Assert.IsType<InMemoryConversationStore>(store);
        await store.SaveTurnAsync(new ConversationState { ConversationId = "c1", UserId = "shopper-1" }, 0, new UserProfile { UserId = "shopper-1" }, 0);

        var response = await server.Factory.CreateClient().DeleteAsync("/api/v1/users/shopper-1");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await store.GetConversationAsync("shopper-1", "c1"));
        Assert.Null(await store.GetProfileAsync("shopper-1"));
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("a%07b")]
    public async Task Bad_user_ids_get_problem_details(string id)
    {
        var response = await server.Factory.CreateClient().DeleteAsync($"/api/v1/users/{id}");
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "user id");
    }

    [Fact]
    public async Task Overlong_user_id_is_refused()
    {
        var response = await server.Factory.CreateClient().DeleteAsync($"/api/v1/users/{new string('x', 257)}");
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "longer than 256");
    }
}

public sealed class UsersApiRedisTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Deleting_a_user_leaves_no_key_of_theirs_in_redis()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<IConversationStore>();
        Assert.IsNotType<InMemoryConversationStore>(store);
        for (var i = 0; i < 3; i++)
            await store.SaveTurnAsync(new ConversationState { ConversationId = $"c{i}", UserId = "erase-me" }, 0, i == 0 ? new UserProfile { UserId = "erase-me", Email = "e@example.com" } : null, 0);
        await store.SaveTurnAsync(new ConversationState { ConversationId = "c9", UserId = "keep-me" }, 0, null, 0);
        Assert.Contains(redis.AllKeys(), k => k.Contains("erase-me", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/users/erase-me")).StatusCode);

        Assert.DoesNotContain(redis.AllKeys(), k => k.Contains("erase-me", StringComparison.Ordinal));
        Assert.Contains(redis.AllKeys(), k => k.Contains("keep-me", StringComparison.Ordinal));
    }
}

public sealed class UsersApiRedisDownTests : IDisposable
{
    // Port 1 on loopback: nothing listens, so every Redis call fails.
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200",
        ["Context:OperationTimeout"] = "00:00:00.500",
    });

    [Fact]
    public async Task State_endpoints_answer_503_quickly_and_classification_keeps_working()
    {
        var client = _factory.CreateClient();
        var clock = Stopwatch.StartNew();
        var response = await client.DeleteAsync("/api/v1/users/someone");
        clock.Stop();
        Assert.NotNull(response.Headers.RetryAfter);
        await BadInputTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}: store calls must be bounded");

        var classify = await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"where is my order"}"""));
        Assert.Equal(HttpStatusCode.OK, classify.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
