using System.Text.Json.Nodes;

namespace IntentBot.Server.Tests.OpenApi;

/// <summary>
/// The request schemas say what the body readers accept: a generator builds its client from them, so a
/// field marked required that is really optional, or a number that may be a string, becomes a client that
/// sends what the server refuses.
/// </summary>
public sealed class RequestSchemaTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    [Fact]
    public async Task Classify_asks_for_one_of_text_or_texts_and_a_numeric_top_k()
    {
        var schema = (await SchemasAsync())["ClassifyRequest"]!;
        Assert.Empty(schema["required"]?.AsArray() ?? []);
        var properties = schema["properties"]!;
        Assert.Equal("string", properties["text"]!["type"]!.GetValue<string>());
        Assert.Equal(1, properties["text"]!["minLength"]!.GetValue<int>());
        Assert.Equal(4000, properties["text"]!["maxLength"]!.GetValue<int>());
        Assert.Equal("array", properties["texts"]!["type"]!.GetValue<string>());
        Assert.Equal(256, properties["texts"]!["maxItems"]!.GetValue<int>());
        Assert.DoesNotContain("string", Types(properties["topK"]!));
        Assert.Contains("integer", Types(properties["topK"]!));
        Assert.Null(properties["topK"]!["pattern"]);
    }

    [Fact]
    public async Task An_event_requires_only_its_non_nullable_fields()
    {
        var schema = (await SchemasAsync())["EventDto"]!;
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        Assert.Equal(new HashSet<string> { "eventId", "type", "userId", "sessionId", "timestamp" }, required);
        Assert.DoesNotContain("string", Types(schema["properties"]!["price"]!));
    }

    private async Task<JsonNode> SchemasAsync()
    {
        var document = await Json.ReadAsync(await server.Factory.CreateClient().GetAsync("/openapi/v1.json"));
        return document["components"]!["schemas"]!;
    }

    private static string[] Types(JsonNode schema) =>
        schema["type"] is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToArray() : [schema["type"]!.GetValue<string>()];
}
