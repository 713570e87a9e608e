using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IntentBot.Server.Tests;

/// <summary>
/// Every bad request gets RFC 7807 problem details with a fitting status, never a crash or a hang.
/// </summary>
public sealed class BadInputTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    public static TheoryData<string, string, HttpStatusCode, string> Cases() => new()
    {
        // body, content type, expected status, expected text in the problem (field or title)
        { """{"text": "hi" """, "application/json", HttpStatusCode.BadRequest, "Malformed JSON" },
        { "not json at all", "application/json", HttpStatusCode.BadRequest, "Malformed JSON" },
        { """{"text":"hi"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type" },
        { """{"text":"hi"}""", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Unsupported media type" },
        { "", "application/json", HttpStatusCode.BadRequest, "body" },
        { "{}", "application/json", HttpStatusCode.BadRequest, "text" },
        { """{"text":""}""", "application/json", HttpStatusCode.BadRequest, "empty or whitespace" },
        { """{"text":"   \n\t "}""", "application/json", HttpStatusCode.BadRequest, "empty or whitespace" },
        { """{"text":null}""", "application/json", HttpStatusCode.BadRequest, "Must be a string" },
        { """{"text":42}""", "application/json", HttpStatusCode.BadRequest, "Must be a string" },
        { """{"texts":[]}""", "application/json", HttpStatusCode.BadRequest, "at least one" },
        { """{"texts":"hi"}""", "application/json", HttpStatusCode.BadRequest, "array of strings" },
        { """{"texts":["ok", 5, {"a":1}]}""", "application/json", HttpStatusCode.BadRequest, "texts[1]" },
        { """{"texts":["ok", ""]}""", "application/json", HttpStatusCode.BadRequest, "texts[1]" },
        { """{"text":"a","texts":["b"]}""", "application/json", HttpStatusCode.BadRequest, "exactly one" },
        { """{"text":"hi","topK":0}""", "application/json", HttpStatusCode.BadRequest, "topK" },
        { """{"text":"hi","topK":"3"}""", "application/json", HttpStatusCode.BadRequest, "topK" },
        { """{"text":"hi","topK":1000}""", "application/json", HttpStatusCode.BadRequest, "topK" },
        { """["hi"]""", "application/json", HttpStatusCode.BadRequest, "JSON object" },
        { "\"hi\"", "application/json", HttpStatusCode.BadRequest, "JSON object" },
        { new string('[', 5000) + new string(']', 5000), "application/json", HttpStatusCode.BadRequest, "Malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_requests_get_problem_details(string body, string contentType, HttpStatusCode status, string mention)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await _client.PostAsync("/api/v1/classify", content);
        await AssertProblemAsync(response, status, mention);
    }

    [Fact]
    public async Task Missing_content_type_is_unsupported()
    {
        var content = new ByteArrayContent("""{"text":"hi"}"""u8.ToArray());
        await AssertProblemAsync(await _client.PostAsync("/api/v1/classify", content), HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type");
    }

    [Fact]
    public async Task Non_utf8_charset_is_unsupported()
    {
        var content = new ByteArrayContent("""{"text":"hi"}"""u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1");
        await AssertProblemAsync(await _client.PostAsync("/api/v1/classify", content), HttpStatusCode.UnsupportedMediaType, "UTF-8");
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        byte[] body = [.. """{"text":"caf"""u8, 0xC3, 0x28, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblemAsync(await _client.PostAsync("/api/v1/classify", content), HttpStatusCode.BadRequest, "UTF-8");
    }

    [Fact]
    public async Task Too_many_texts_are_refused()
    {
        var texts = Enumerable.Repeat("hi", 257).ToArray();
        var response = await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { texts })));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "At most 256 texts");
    }

    [Fact]
    public async Task Text_over_the_character_limit_is_refused_and_emoji_count_as_one()
    {
        var tooLong = new string('a', 4001);
        await AssertProblemAsync(await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { text = tooLong }))),
            HttpStatusCode.BadRequest, "4001 characters");

        // 4,000 emoji are 8,000 UTF-16 units but 4,000 characters: accepted.
        var emoji = string.Concat(Enumerable.Repeat("😀", 4000));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v1/classify", Json.Body(Json.Serialize(new { text = emoji })))).StatusCode);
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413()
    {
        var huge = "{\"text\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";
        await AssertProblemAsync(await _client.PostAsync("/api/v1/classify", Json.Body(huge)), HttpStatusCode.RequestEntityTooLarge, "too large");
    }

    [Fact]
    public async Task Wrong_method_and_unknown_route_are_problems_too()
    {
        var get = await _client.GetAsync("/api/v1/classify");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        var missing = await _client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Server_still_works_after_abuse()
    {
        await _client.PostAsync("/api/v1/classify", Json.Body("{{{{"));
        var ok = await _client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hello"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mention)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.Contains(mention, text, StringComparison.OrdinalIgnoreCase);
    }
}
