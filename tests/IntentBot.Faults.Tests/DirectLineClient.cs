using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntentBot.Faults.Tests;

/// <summary>A Direct Line 3.0 client for the tests, speaking to a server with the shared secret.</summary>
public sealed class DirectLineClient(HttpClient http, string bearer = BotProcess.Secret)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? bearer);
        if (json is not null) request.Content = JsonContent.Create(json);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        if (text.Length > 0)
        {
            try { body = JsonDocument.Parse(text).RootElement.Clone(); }
            catch (JsonException) { }
        }
        return (response.StatusCode, body);
    }

    /// <summary>Starts a conversation for <paramref name="userId"/>: (conversation id, token).</summary>
    public async Task<(string ConversationId, string Token)> StartAsync(string userId)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { user = new { id = userId } });
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>Posts a message; the status, and the activity id when it was accepted.</summary>
    public async Task<(HttpStatusCode Status, string? Id)> PostAsync(string conversationId, string userId, string text, string? token = null)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", new
        {
            type = "message",
            text,
            from = new { id = userId },
            channelData = new { clientActivityID = Guid.NewGuid().ToString("N") },
        }, token);
        return (status, status == HttpStatusCode.OK ? body.GetProperty("id").GetString() : null);
    }

    /// <summary>Every activity after <paramref name="watermark"/> (all pages) and the last watermark.</summary>
    public async Task<(List<JsonElement> Activities, string? Watermark)> ActivitiesAsync(string conversationId, string? watermark = null, string? token = null)
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var (status, body) = await SendAsync(HttpMethod.Get,
                $"/v3/directline/conversations/{conversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), token: token);
            Assert.Equal(HttpStatusCode.OK, status);
            var page = body.GetProperty("activities").EnumerateArray().ToList();
            var next = body.TryGetProperty("watermark", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : watermark;
            all.AddRange(page);
            if (page.Count == 0 || next == watermark) return (all, next);
            watermark = next;
        }
    }

    public static string? Text(JsonElement activity) =>
        activity.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public static string? ReplyTo(JsonElement activity) =>
        activity.TryGetProperty("replyToId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

    public static bool FromBot(JsonElement activity) =>
        activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) && role.GetString() == "bot";
}
