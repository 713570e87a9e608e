using System.Net;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// The scrape endpoint of the real server after real traffic. The "IntentBot" meter is process-wide, so these tests
/// run alone and compare a scrape before their traffic with one after: the differences are exactly their own.
/// </summary>
[Collection(ProcessWideMeters.Name)]
public sealed class MetricsEndpointTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task Classifying_texts_shows_intent_and_sentiment_distribution_out_of_scope_and_batch_sizes()
    {
        var texts = new[] { "where is my order #12345?", "I want to cancel my order", "thanks a lot!", "what is the capital of peru" };
        var before = await ScrapeAsync();
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { texts })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json.ReadAsync(response))["results"]!.AsArray();

        var metrics = await ScrapeAsync();
        double Added(string name, params (string Key, string Value)[] labels) => metrics.Sum(name, labels) - before.Sum(name, labels);

        foreach (var group in results.GroupBy(r => (Intent: r!["intent"]!["label"]!.GetValue<string>(), Sentiment: r!["sentiment"]!["label"]!.GetValue<string>())))
            Assert.Equal(group.Count(), Added("intentbot_nlu_classified_total", ("intent", group.Key.Intent), ("sentiment", group.Key.Sentiment)));
        var outOfScope = results.Count(r => r!["outOfScope"]!.GetValue<bool>());
        Assert.Equal(outOfScope, Added("intentbot_nlu_out_of_scope_total"));
        Assert.Equal(texts.Length, Added("intentbot_nlu_classified_total"));

        // The batch-size histogram has the advised power-of-two buckets and saw exactly this request's texts, in one
        // model run per batch (the batcher may split a request's texts over several batches).
        var buckets = metrics.Where(s => s.Name == "intentbot_nlu_batch_size_bucket").Select(s => s.Labels["le"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "1", "2", "4", "8", "16", "32", "64", "128", "256", "+Inf" }, buckets);
        Assert.Equal(texts.Length, Added("intentbot_nlu_batch_size_sum"));
        var batches = Added("intentbot_nlu_batch_size_count");
        Assert.InRange(batches, 1, texts.Length);
        Assert.Equal(batches, Added("intentbot_nlu_model_duration_seconds_count"));
        Assert.Contains(metrics, s => s.Name == "intentbot_nlu_queue_length");
    }

    /// <summary>One message straight into the registered bot (the agent), as a channel would deliver it.</summary>
    private Task<BotTurnResult> SayAsync(string text, string userId, string conversationId) =>
        server.Factory.Services.GetRequiredService<IBot>().OnTurnAsync(BotMessages.Message(text, userId, conversationId), CancellationToken.None);

    [Fact]
    public async Task A_bot_turn_through_the_agent_counts_the_turn_and_its_duration()
    {
        var before = await ScrapeAsync();
        var reply = await SayAsync("where is my order", "metrics-user", "metrics-conversation");
        Assert.NotEmpty(reply.Replies);

        var metrics = await ScrapeAsync();
        var ok = new[] { ("activity_type", "message"), ("outcome", "ok") };
        Assert.Equal(1, metrics.Sum("intentbot_bot_turns_total", ok) - before.Sum("intentbot_bot_turns_total", ok));
        Assert.Equal(1, metrics.Sum("intentbot_bot_turn_duration_seconds_count", ok) - before.Sum("intentbot_bot_turn_duration_seconds_count", ok));
        Assert.Equal(metrics.Sum("intentbot_bot_turns_total"), before.Sum("intentbot_bot_turns_total") + 1);
        Assert.Contains(metrics, s => s.Name == "intentbot_bot_turn_duration_seconds_bucket" && s.Labels["le"] == "+Inf");
    }

    [Fact]
    public async Task Asking_for_a_person_counts_a_handoff_with_its_reason()
    {
        var before = await ScrapeAsync();
        var reply = await SayAsync("I want to talk to a person", "metrics-handoff-user", "metrics-handoff");
        Assert.Contains(reply.Replies, a => a.Type == ActivityTypes.Event && a.Name == "handoff");

        var metrics = await ScrapeAsync();
        Assert.Equal(1, metrics.Sum("intentbot_bot_handoffs_total", ("reason", "requested")) - before.Sum("intentbot_bot_handoffs_total", ("reason", "requested")));
        Assert.Equal(1, metrics.Sum("intentbot_bot_handoffs_total") - before.Sum("intentbot_bot_handoffs_total"));
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        var response = await _client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
