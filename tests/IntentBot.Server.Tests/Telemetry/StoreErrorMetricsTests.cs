using System.Net;
using IntentBot.Context.Storage;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// A real redis-server stopped under the running server: the failures show up as store errors. Runs alone (the store
/// and turn meters are process-wide), so the counts between a scrape before the outage and one after are exact.
/// </summary>
[Collection(ProcessWideMeters.Name)]
public sealed class StoreErrorMetricsTests : IDisposable
{
    private readonly RedisNode _redis = RedisNode.StartStandalone();
    private readonly IntentBotFactory _factory;

    public StoreErrorMetricsTests()
    {
        _factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString("abortConnect=false,connectTimeout=500,syncTimeout=1000,asyncTimeout=1000"),
            ["Context:OperationTimeout"] = "00:00:00.500",
        });
    }

    [Fact]
    public async Task Redis_down_counts_conversation_and_behaviour_store_errors_and_a_failed_turn()
    {
        var client = _factory.CreateClient();
        var bot = _factory.Services.GetRequiredService<IBot>();
        Assert.NotEmpty((await bot.OnTurnAsync(Message("hello"), CancellationToken.None)).Replies);

        var before = await ScrapeAsync(client);
        _redis.Kill();
        // The behaviour context is optional to a turn (its error is logged and counted); the conversation
        // store is not, so the turn fails with the store's exception.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => bot.OnTurnAsync(Message("where is my order"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/v1/users/telemetry-user/context")).StatusCode);

        var metrics = await ScrapeAsync(client);
        double Added(string name, params (string Key, string Value)[] labels) => metrics.Sum(name, labels) - before.Sum(name, labels);
        // The turn: its behaviour context (logged and counted) and its conversation (fatal to the turn); the context
        // request: the behaviour store. (The analytics store is left out: it records each answered message in the
        // background, so whether the first turn's write fails too depends on timing.)
        Assert.Equal(1, Added("intentbot_store_errors_total", ("store", "conversation")));
        Assert.Equal(2, Added("intentbot_store_errors_total", ("store", "behaviour")));
        Assert.All(metrics.Where(s => s.Name == "intentbot_store_errors_total"),
            s => Assert.Contains(s.Labels["error_type"], new[] { "timeout", "unavailable" }));
        Assert.Equal(1, Added("intentbot_bot_turns_total", ("activity_type", "message"), ("outcome", "error")));
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client)
    {
        var scrape = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        return PrometheusText.Parse(await scrape.Content.ReadAsStringAsync());
    }

    private static Activity Message(string text) => BotMessages.Message(text, "telemetry-user", "telemetry-conversation");

    public void Dispose()
    {
        _factory.Dispose();
        _redis.Dispose();
    }
}
