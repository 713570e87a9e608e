using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntentBot.Agent.Insights;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using IntentBot.Nlu.Hosting;
using IntentBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Agent.Tests.Insights;

/// <summary>
/// A scripted day of traffic through the real server (agent, embedded stores, the analytics writer), then the insights
/// API checked against the script: counts, rates, the review queue with its explanations, a reviewer's correction,
/// and erasure.
/// </summary>
public sealed class InsightsServerTests
{
    private const string Key = "insights-secret";

    /// <summary>The day: who says what, and how the model is scripted to read it.</summary>
    private static readonly (string User, string Conversation, string Text, Reading Reading)[] Day =
    [
        ("c1001", "day-1", "hi there", Reading.Of("greeting", 0.95).Positive(0.9)),
        ("c1001", "day-1", "what payment methods do you accept", Reading.Of("check_payment_methods", 0.95)),
        ("c1002", "day-2", "will it rain tomorrow, tell me at jo@example.com", Reading.OffTopic(0.9)),
        ("c1002", "day-2", "the thing with the stuff", Reading.Of("product_inquiry", 0.3)),
        ("c1003", "day-3", "I want to talk to a person", Reading.Of("contact_human_agent", 0.95).Negative(0.8)),
        ("c1004", "day-4", "can I use the code WELCOME10", Reading.Of("promo_code", 0.95)),
    ];

    [Fact]
    public async Task A_scripted_day_shows_in_the_summary_the_review_queue_and_a_correction()
    {
        await using var factory = new InsightsServer(new() { ["Api:Keys:0"] = Key, ["Insights:FlushInterval"] = "00:00:00.050" });
        var bot = factory.Services.GetRequiredService<IBot>();
        foreach (var (user, conversation, text, _) in Day)
            await bot.OnTurnAsync(Message(user, conversation, text), CancellationToken.None);

        var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/insights/summary")).StatusCode);
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var summary = await WaitForAsync(http, "/api/v1/insights/summary", s => s.GetProperty("turns").GetInt32() == Day.Length);
        Assert.Equal(4, summary.GetProperty("conversations").GetInt32());
        Assert.Equal(1, summary.GetProperty("outOfScope").GetInt32());
        Assert.Equal(1, summary.GetProperty("clarifications").GetInt32());
        Assert.Equal(1, summary.GetProperty("handoffs").GetInt32());
        Assert.Equal(0.75, summary.GetProperty("containmentRate").GetDouble());
        Assert.Equal(0.25, summary.GetProperty("handoffRate").GetDouble());
        Assert.Equal(1, summary.GetProperty("codesChecked").GetInt32());
        Assert.Equal("requested", Assert.Single(summary.GetProperty("handoffReasons").EnumerateArray()).GetProperty("key").GetString());
        var sentiment = summary.GetProperty("sentiment").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["negative"] = 1, ["neutral"] = 4, ["positive"] = 1 }, sentiment);
        Assert.Equal(6, summary.GetProperty("intents").EnumerateArray().Sum(i => i.GetProperty("count").GetInt32()));

        var series = await http.GetFromJsonAsync<JsonElement>("/api/v1/insights/series?bucket=day");
        Assert.Equal(6, series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("counts").GetProperty("turns").GetInt32()));

        // The declined and the unsure message wait for review, masked and explained word by word.
        var items = await WaitForAsync(http, "/api/v1/insights/review", r => r.GetArrayLength() == 2);
        var declined = items.EnumerateArray().Single(i => i.GetProperty("source").GetString() == ReviewSources.OutOfScope);
        Assert.Equal("will it rain tomorrow, tell me at [email]", declined.GetProperty("text").GetString());
        Assert.Equal(["will", "it", "rain", "tomorrow,", "tell", "me", "at", "[email]"],
            declined.GetProperty("explanation").EnumerateArray().Select(w => w.GetProperty("word").GetString()));
        var unsure = items.EnumerateArray().Single(i => i.GetProperty("source").GetString() == ReviewSources.Unsure);
        Assert.Equal("c1002", unsure.GetProperty("userId").GetString());

        var id = unsure.GetProperty("id").GetString();
        await AssertProblemAsync(await Post(http, $"/api/v1/insights/review/{id}/decision", """{"status":"corrected","label":"no_such_intent"}"""), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post(http, $"/api/v1/insights/review/{id}/decision", """{"status":"maybe"}"""), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post(http, "/api/v1/insights/review/nope/decision", """{"status":"confirmed"}"""), HttpStatusCode.NotFound);
        var corrected = await Post(http, $"/api/v1/insights/review/{id}/decision", """{"status":"corrected","label":"product_inquiry","reviewer":"Maria"}""");
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var decided = Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/v1/insights/review?status=corrected")).EnumerateArray());
        Assert.Equal("product_inquiry", decided.GetProperty("label").GetString());
        Assert.Equal("Maria", decided.GetProperty("reviewer").GetString());

        var groups = await http.GetFromJsonAsync<JsonElement>("/api/v1/insights/questions");
        Assert.Equal(1, groups.EnumerateArray().Sum(g => g.GetProperty("count").GetInt32()));

        // A thumbs-down from the shop's chat UI and an agent's correction come in through the API.
        var rated = await Post(http, "/api/v1/insights/review", """{"userId":"c1002","conversationId":"day-2","text":"the thing with the stuff","source":"rated_down"}""");
        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        var agentFix = await Post(http, "/api/v1/insights/review",
            """{"userId":"c1001","conversationId":"day-1","text":"hi there","source":"agent_corrected","label":"greeting"}""");
        Assert.Equal(HttpStatusCode.Created, agentFix.StatusCode);
        await AssertProblemAsync(await Post(http, "/api/v1/insights/review", """{"userId":"c1","conversationId":"x","text":"hi there","source":"liked"}"""), HttpStatusCode.BadRequest);
        var export = await http.GetStringAsync("/api/v1/insights/review/export");
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"intent\":\"greeting\"", export, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/v1/users/c1002")).StatusCode);
        Assert.Equal(["c1001"], (await http.GetFromJsonAsync<JsonElement>("/api/v1/insights/review")).EnumerateArray().Select(i => i.GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task A_bad_period_is_a_problem()
    {
        await using var factory = new InsightsServer([]);
        var http = factory.CreateClient();
        await AssertProblemAsync(await http.GetAsync("/api/v1/insights/summary?from=yesterday"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.GetAsync("/api/v1/insights/summary?from=2026-12-02&to=2026-12-01"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.GetAsync("/api/v1/insights/series?bucket=week"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await http.GetAsync("/api/v1/insights/review?limit=0"), HttpStatusCode.BadRequest);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The writer is fire-and-forget: poll until the counts arrive (a few flush intervals).</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient http, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await http.GetFromJsonAsync<JsonElement>(path);
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }

    private static Activity Message(string user, string conversation, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "test",
        Text = text,
        From = new ChannelAccount { Id = user },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = conversation },
    };

    /// <summary>The real server whose model reads the day's messages as scripted, and anything else (the explanations' variants) as it would.</summary>
    private sealed class InsightsServer(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(AgentHarness.RepoRoot);
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(config =>
            {
                config.AddInMemoryCollection(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cpu" });
                config.AddInMemoryCollection(settings);
            });
            builder.ConfigureTestServices(services => services.AddSingleton<ITextClassifier>(sp =>
            {
                var script = Scripted.NewScript();
                foreach (var (_, _, text, reading) in Day) script.Reads(text, reading);
                return new ScriptedThenModel(script, [.. Day.Select(d => d.Text)], sp.GetRequiredService<ModelHost>());
            }));
        }
    }

    private sealed class ScriptedThenModel(ScriptedClassifier script, HashSet<string> scripted, ModelHost model) : ITextClassifier
    {
        public ModelInfo Model => script.Model;

        public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default)
        {
            // An explanation batch holds the scripted message and its unscripted variants: each part goes to its reader.
            var fromScript = await script.ClassifyAsync([.. texts.Where(scripted.Contains)], topK, cancellationToken);
            var others = texts.Where(t => !scripted.Contains(t)).ToList();
            var fromModel = others.Count == 0 ? [] : await model.Engine.ClassifyAsync(others, topK, cancellationToken);
            int s = 0, m = 0;
            return [.. texts.Select(t => scripted.Contains(t) ? fromScript[s++] : fromModel[m++])];
        }
    }
}
