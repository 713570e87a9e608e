using System.Net;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// The scrape endpoint of the real server after real traffic. The "IntentBot" meter is process-wide, so
/// other tests running in parallel may add to the same series: values are checked as lower bounds.
/// </summary>
public sealed class MetricsEndpointTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task Classifying_texts_shows_intent_and_sentiment_distribution_out_of_scope_and_batch_sizes()
    {
        var texts = new[] { "where is my order #12345?", "I want to cancel my order", "thanks a lot!", "what is the capital of peru" };
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { texts })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json.ReadAsync(response))["results"]!.AsArray();

        var metrics = await ScrapeAsync();

        foreach (var group in results.GroupBy(r => (Intent: r!["intent"]!["label"]!.GetValue<string>(), Sentiment: r!["sentiment"]!["label"]!.GetValue<string>())))
            Assert.True(metrics.Sum("intentbot_nlu_classified_total", ("intent", group.Key.Intent), ("sentiment", group.Key.Sentiment)) >= group.Count(),
                $"classified counter for {group.Key} is missing or too low");
        var outOfScope = results.Count(r => r!["outOfScope"]!.GetValue<bool>());
        Assert.True(metrics.Sum("intentbot_nlu_out_of_scope_total") >= outOfScope);
        Assert.True(metrics.Sum("intentbot_nlu_classified_total") >= texts.Length);

        // The batch-size histogram has the advised power-of-two buckets and saw at least this request's texts.
        var buckets = metrics.Where(s => s.Name == "intentbot_nlu_batch_size_bucket").Select(s => s.Labels["le"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "1", "2", "4", "8", "16", "32", "64", "128", "256", "+Inf" }, buckets);
        Assert.True(metrics.Sum("intentbot_nlu_batch_size_sum") >= texts.Length);
        Assert.True(metrics.Sum("intentbot_nlu_batch_size_count") >= 1);
        Assert.True(metrics.Sum("intentbot_nlu_model_duration_seconds_count") >= 1);
        Assert.Contains(metrics, s => s.Name == "intentbot_nlu_queue_length");
    }

    /// <summary>One message straight into the registered bot (the agent), as a channel would deliver it.</summary>
    private Task<BotTurnResult> SayAsync(string text, string userId, string conversationId) =>
        server.Factory.Services.GetRequiredService<IBot>().OnTurnAsync(BotMessages.Message(text, userId, conversationId), CancellationToken.None);

    [Fact]
    public async Task A_bot_turn_through_the_agent_counts_the_turn_and_its_duration()
    {
        var reply = await SayAsync("where is my order", "metrics-user", "metrics-conversation");
        Assert.NotEmpty(reply.Replies);

        var metrics = await ScrapeAsync();
        var ok = new[] { ("activity_type", "message"), ("outcome", "ok") };
        Assert.True(metrics.Sum("intentbot_bot_turns_total", ok) >= 1);
        Assert.True(metrics.Sum("intentbot_bot_turn_duration_seconds_count", ok) >= 1);
        Assert.Contains(metrics, s => s.Name == "intentbot_bot_turn_duration_seconds_bucket" && s.Labels["le"] == "+Inf");
    }

    [Fact]
    public async Task Asking_for_a_person_counts_a_handoff_with_its_reason()
    {
        var reply = await SayAsync("I want to talk to a person", "metrics-handoff-user", "metrics-handoff");
        Assert.Contains(reply.Replies, a => a.Type == ActivityTypes.Event && a.Name == "handoff");

        var metrics = await ScrapeAsync();
        Assert.True(metrics.Sum("intentbot_bot_handoffs_total", ("reason", "requested")) >= 1);
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        var response = await _client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
