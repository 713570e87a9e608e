using System.Net;
using System.Text.Json.Nodes;

namespace IntentBot.Server.Tests;

public sealed class ClassifyApiTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task Single_text_gets_the_full_contract()
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"where is my order #12345?"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var result = body["results"]!.AsArray().Single()!;
        Assert.Equal("track_order", result["intent"]!["label"]!.GetValue<string>());
        Assert.Equal("ORDER", result["intent"]!["category"]!.GetValue<string>());
        Assert.InRange(result["intent"]!["confidence"]!.GetValue<float>(), 0f, 1f);
        Assert.Equal(3, result["intents"]!.AsArray().Count);
        Assert.False(result["outOfScope"]!.GetValue<bool>());
        var sentiment = result["sentiment"]!;
        Assert.Contains(sentiment["label"]!.GetValue<string>(), new[] { "negative", "neutral", "positive" });
        var scores = sentiment["scores"]!;
        Assert.Equal(1f, scores["negative"]!.GetValue<float>() + scores["neutral"]!.GetValue<float>() + scores["positive"]!.GetValue<float>(), 3);
        Assert.False(result["truncated"]!.GetValue<bool>());
        Assert.Equal("intentbot-default", body["model"]!["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["model"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Batch_answers_in_input_order_with_top_k()
    {
        var texts = new[] { "hello", "I want to cancel my order", "how do I reset my password", "thanks a lot!" };
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { texts, topK = 5 })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json.ReadAsync(response))["results"]!.AsArray();
        Assert.Equal(["greeting", "cancel_order", "recover_password", "thanks"], results.Select(r => r!["intent"]!["label"]!.GetValue<string>()));
        Assert.All(results, r => Assert.Equal(5, r!["intents"]!.AsArray().Count));
    }

    [Theory]
    [InlineData("""{"text":"where is my order #12345?","texts":null,"topK":null}""")]
    [InlineData("""{"text":null,"texts":["where is my order #12345?"]}""")]
    public async Task An_explicit_null_reads_as_a_field_left_out(string body)
    {
        // Generated clients send every optional property, null when unset.
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await Json.ReadAsync(response))["results"]!.AsArray().Single()!;
        Assert.Equal("track_order", result["intent"]!["label"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"texts":null}""", "texts")]
    [InlineData("""{"text":null,"texts":null}""", "text")]
    public async Task Nulls_alone_are_still_a_problem_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Theory]
    [InlineData("I love it 😍🔥 best purchase ever")]
    [InlineData("这个手机很好用，物流也很快")]
    [InlineData("مرحبا، أين طلبي؟")]
    [InlineData("שלום, איפה ההזמנה שלי")]
    [InlineData("where\u0000 is\u0007 my\u001b order\u200b\u202e")]
    [InlineData("🙂")]
    [InlineData("line one\r\nline two\ttabbed")]
    public async Task Any_script_emoji_or_control_characters_are_classified_not_rejected(string text)
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { text })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await Json.ReadAsync(response))["results"]!.AsArray());
    }

    [Fact]
    public async Task Long_text_within_the_limit_is_marked_truncated()
    {
        var text = string.Join(' ', Enumerable.Repeat("the package arrived damaged and I want my money back", 40));
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { text })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Json.ReadAsync(response))["results"]![0]!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_fields_are_tolerated()
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hi","locale":"en-US","extra":{"a":[1,2]}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Model_endpoint_lists_labels_and_provider()
    {
        var body = await Json.ReadAsync(await _client.GetAsync("/api/v1/model"));
        Assert.Equal("intentbot-default", body["name"]!.GetValue<string>());
        Assert.Equal("CPU", body["executionProvider"]!.GetValue<string>());
        var shipped = IntentBot.Nlu.Manifest.ManifestReader.Read(Path.Combine(IntentBotFactory.RepoRoot, "models", "intentbot-default"));
        Assert.Equal(shipped.Heads!.Intent!.Labels!.Count, body["labels"]!["intent"]!.AsArray().Count);
        Assert.Contains(body["labels"]!["intent"]!.AsArray(), l => l!["name"]!.GetValue<string>() == "track_order" && l["category"]!.GetValue<string>() == "ORDER");
        Assert.Equal(3, body["labels"]!["sentiment"]!.AsArray().Count);
        Assert.Equal("out_of_scope", body["outOfScope"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        var ready = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await Json.ReadAsync(ready))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Json.ReadAsync(response);
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/classify"));
        Assert.True(paths.ContainsKey("/api/v1/model"));
        Assert.True(paths.ContainsKey("/health/ready"));
    }

    [Fact]
    public async Task Parallel_requests_get_the_same_answers_as_sequential_ones()
    {
        string[] texts = ["where is my parcel", "refund please", "hello", "do you have this in size M", "bye", "I hate this product", "what's the weather"];
        var expected = new Dictionary<string, (string Labels, float Confidence)>();
        foreach (var t in texts) expected[t] = await ClassifyAsync(t);

        var parallel = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            var t = texts[i % texts.Length];
            return (Text: t, Answer: await ClassifyAsync(t));
        })));
        foreach (var (text, answer) in parallel)
        {
            Assert.Equal(expected[text].Labels, answer.Labels);
            // The model scales int8 activations per token, so batch-mates do not move a text's probabilities (Nlu.Tests'
            // Tolerance says more); a padding or mask fault, or per-batch scales, move them far more than this bound.
            Assert.InRange(Math.Abs(expected[text].Confidence - answer.Confidence), 0f, 0.001f);
        }
    }

    private async Task<(string Labels, float Confidence)> ClassifyAsync(string text)
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { text })));
        response.EnsureSuccessStatusCode();
        var r = (await Json.ReadAsync(response))["results"]![0]!;
        return ($"{r["intent"]!["label"]}|{r["outOfScope"]}|{r["sentiment"]!["label"]}", r["intent"]!["confidence"]!.GetValue<float>());
    }
}
