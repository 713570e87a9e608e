using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IntentBot.Abuse.Tests;

/// <summary>Which error shape a route must answer with.</summary>
public enum ErrorShape
{
    /// <summary>IntentBot's own API and /api/messages: RFC 7807 application/problem+json.</summary>
    Problem,

    /// <summary>Direct Line protocol routes: {"error":{"code","message"}}, what the stock clients read.</summary>
    DirectLine,
}

/// <summary>Sends fuzz cases and collects every broken rule with the seed and input that broke it.</summary>
public sealed class Probe(HttpClient http)
{
    private readonly List<string> _failures = [];

    public int Cases { get; private set; }

    public Dictionary<int, int> StatusCounts { get; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, FuzzBody? body, ErrorShape shape, string context,
        Action<HttpRequestHeaders>? headers = null, params int[] expected)
    {
        Cases++;
        using var request = new HttpRequestMessage(method, path);
        headers?.Invoke(request.Headers);
        if (body is not null)
        {
            HttpContent content = body.Chunked ? new StreamContent(new MemoryStream(body.Bytes)) : new ByteArrayContent(body.Bytes);
            if (body.ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            request.Content = content;
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (InvalidOperationException ex) when (path.Contains("%00", StringComparison.Ordinal) && ex.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-memory TestServer refuses a NUL in the path before the app sees it, as Kestrel does with a 400
            // (KestrelPathTests checks that over a real socket).
            StatusCounts[0] = StatusCounts.GetValueOrDefault(0) + 1;
            return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }
        catch (Exception ex)
        {
            Fail(context, body, $"the request threw {ex.GetType().Name}: {ex.Message}");
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
        var status = (int)response.StatusCode;
        StatusCounts[status] = StatusCounts.GetValueOrDefault(status) + 1;
        var text = await response.Content.ReadAsStringAsync();
        // A 5xx answer to bad input is a bug, unless the case names it (503 while the channel's keys are unreachable).
        if (status >= 500 && !expected.Contains(status)) Fail(context, body, $"answered {status}: {Short(text)}");
        else if (expected.Length > 0 && !expected.Contains(status)) Fail(context, body, $"answered {status}, expected {string.Join(" or ", expected)}: {Short(text)}");
        if (status >= 400) CheckErrorShape(shape, response, text, context, body);
        response.Content = new StringContent(text, Encoding.UTF8, response.Content.Headers.ContentType?.MediaType ?? "text/plain");
        return response;
    }

    private void CheckErrorShape(ErrorShape shape, HttpResponseMessage response, string text, string context, FuzzBody? body)
    {
        var media = response.Content.Headers.ContentType?.MediaType;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (shape == ErrorShape.Problem)
            {
                if (media != "application/problem+json") Fail(context, body, $"{(int)response.StatusCode} as {media ?? "(no content type)"}, not application/problem+json: {Short(text)}");
                else if (!document.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != (int)response.StatusCode || !document.RootElement.TryGetProperty("title", out _))
                    Fail(context, body, $"problem details without the matching status/title: {Short(text)}");
            }
            else if (!document.RootElement.TryGetProperty("error", out var error) || !error.TryGetProperty("code", out _) || !error.TryGetProperty("message", out _))
                Fail(context, body, $"{(int)response.StatusCode} not in the Direct Line error shape: {Short(text)}");
        }
        catch (JsonException)
        {
            Fail(context, body, $"{(int)response.StatusCode} with a body that is not JSON ({media ?? "no content type"}): {Short(text)}");
        }
    }

    public void Fail(string context, FuzzBody? body, string what)
    {
        lock (_failures) _failures.Add($"{context}: {what}\n    input: {body?.Preview() ?? "(no body)"}");
    }

    public void AssertClean(string endpoint)
    {
        Console.WriteLine($"[abuse] {endpoint}: {Cases} cases; statuses {string.Join(", ", StatusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        Assert.True(_failures.Count == 0, $"{endpoint}: {_failures.Count} of {Cases} cases broke a rule:\n" + string.Join("\n", _failures.Take(25)));
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public static string Escape(string s) => Uri.EscapeDataString(s);
}
