using System.Text;
using IntentBot.Http;
using Microsoft.AspNetCore.Http;

namespace IntentBot.Server.Tests.Http;

/// <summary>The one body reader behind every HTTP entry point, on bodies of each kind it must refuse or let through.</summary>
public sealed class JsonBodyReaderTests
{
    private const int Limit = 64;

    [Theory]
    [InlineData("""{"text":"hi"}""")]
    [InlineData("""{"text":"\ud83d\ude00 a paired escape"}""")]
    [InlineData("""{"n\u0061me":"escaped names are fine"}""")]
    [InlineData("""[1, 2, {"a": null}]""")]
    [InlineData("  \"just a string\"  ")]
    public async Task A_well_formed_body_comes_back_byte_for_byte(string json)
    {
        var body = await ReadAsync(json);

        Assert.True(body.IsValid, body.Detail);
        Assert.Equal(json, Encoding.UTF8.GetString(body.Utf8.Span));
    }

    [Theory]
    [InlineData("""{"text":"a\ud800b"}""")]
    [InlineData("""{"a\udfff":1}""")]
    [InlineData("""{"value":{"deep":["\ud83d"]}}""")]
    [InlineData("""{"text":"\udc00\ud800"}""")]
    public async Task An_escaped_lone_surrogate_anywhere_is_refused(string json) =>
        Assert.Equal(JsonBodyFault.UnpairedSurrogate, (await ReadAsync(json)).Fault);

    [Theory]
    [InlineData("""{"text":""")]
    [InlineData("""{"a":1} {"b":2}""")]
    [InlineData("""{"a":1} trailing""")]
    [InlineData("not json at all")]
    [InlineData("   ")]
    [InlineData("""{"a":1 /* comment */}""")]
    public async Task Anything_but_one_JSON_value_is_malformed(string json) =>
        Assert.Equal(JsonBodyFault.Malformed, (await ReadAsync(json)).Fault);

    [Fact]
    public async Task Nesting_is_capped_at_MaxDepth()
    {
        var limit = 4096;
        Assert.True((await ReadAsync(Nested(JsonBodyReader.MaxDepth), limit)).IsValid);
        Assert.Equal(JsonBodyFault.Malformed, (await ReadAsync(Nested(JsonBodyReader.MaxDepth + 1), limit)).Fault);
    }

    [Fact]
    public async Task Invalid_UTF8_is_refused_before_parsing()
    {
        var body = await ReadAsync([(byte)'"', 0xC3, 0x28, (byte)'"']);
        Assert.Equal(JsonBodyFault.InvalidUtf8, body.Fault);
    }

    [Fact]
    public async Task An_empty_body_is_its_own_fault() =>
        Assert.Equal(JsonBodyFault.Empty, (await ReadAsync("")).Fault);

    [Fact]
    public async Task The_cap_holds_with_and_without_a_content_length()
    {
        var exactly = "\"" + new string('x', Limit - 2) + "\"";
        Assert.True((await ReadAsync(exactly)).IsValid);
        Assert.Equal(JsonBodyFault.TooLarge, (await ReadAsync(exactly + " ")).Fault);

        // A chunked body that says nothing of its length is cut off as soon as it passes the cap.
        var unannounced = Request(Encoding.UTF8.GetBytes(exactly + " "), "application/json", announceLength: false);
        Assert.Equal(JsonBodyFault.TooLarge, (await JsonBodyReader.ReadAsync(unannounced, Limit, true, CancellationToken.None)).Fault);

        // A Content-Length over the cap is refused without reading the body at all.
        var announced = Request([], "application/json", announceLength: false);
        announced.ContentLength = Limit + 1;
        Assert.Equal(JsonBodyFault.TooLarge, (await JsonBodyReader.ReadAsync(announced, Limit, true, CancellationToken.None)).Fault);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/json; charset=iso-8859-1", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData(null, false)]
    public async Task The_media_type_is_checked_only_when_asked(string? contentType, bool accepted)
    {
        var bytes = Encoding.UTF8.GetBytes("{}");
        var strict = await JsonBodyReader.ReadAsync(Request(bytes, contentType), Limit, requireJsonMediaType: true, CancellationToken.None);
        var lenient = await JsonBodyReader.ReadAsync(Request(bytes, contentType), Limit, requireJsonMediaType: false, CancellationToken.None);

        Assert.Equal(accepted ? null : JsonBodyFault.UnsupportedMediaType, strict.Fault);
        Assert.True(lenient.IsValid);
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static Task<JsonBody> ReadAsync(string json, int limit = Limit) => ReadAsync(Encoding.UTF8.GetBytes(json), limit);

    private static Task<JsonBody> ReadAsync(byte[] bytes, int limit = Limit) =>
        JsonBodyReader.ReadAsync(Request(bytes, "application/json"), limit, requireJsonMediaType: true, CancellationToken.None);

    private static HttpRequest Request(byte[] bytes, string? contentType, bool announceLength = true)
    {
        var request = new DefaultHttpContext().Request;
        request.Body = new MemoryStream(bytes);
        request.ContentType = contentType;
        if (announceLength) request.ContentLength = bytes.Length;
        return request;
    }
}
