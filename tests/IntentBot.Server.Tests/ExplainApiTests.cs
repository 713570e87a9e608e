using System.Net;

namespace IntentBot.Server.Tests;

/// <summary><c>"explain": true</c> on classify: each word's influence, measured by leaving it out.</summary>
public sealed class ExplainApiTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    [Fact]
    public async Task Each_word_gets_its_influence_and_leaving_out_some_word_lowers_the_confidence()
    {
        var response = await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"I want to cancel my order","explain":true}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await Json.ReadAsync(response))["results"]!.AsArray().Single()!;
        Assert.Equal("cancel_order", result["intent"]!["label"]!.GetValue<string>());
        var words = result["explanation"]!.AsArray();
        Assert.Equal(["I", "want", "to", "cancel", "my", "order"], words.Select(w => w!["word"]!.GetValue<string>()));
        Assert.All(words, w => Assert.InRange(w!["intent"]!.GetValue<float>(), -1f, 1f));
        Assert.Contains(words, w => w!["intent"]!.GetValue<float>() > 0);
    }

    [Fact]
    public async Task Without_explain_there_is_no_explanation_and_a_bad_flag_is_a_problem()
    {
        var plain = (await Json.ReadAsync(await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hello"}"""))))["results"]!.AsArray().Single()!;
        Assert.Null(plain["explanation"]);

        var bad = await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hello","explain":"yes"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var many = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { texts = Enumerable.Repeat("hello", 9), explain = true })));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
    }
}
