using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntentBot.Channels.Tests.Desk;

/// <summary>A customer talking to the bot over Direct Line's HTTP routes (what Web Chat does), with the server's secret.</summary>
internal sealed class DirectLineCustomer(HttpClient http, string userId)
{
    public string UserId { get; } = userId;
    public string ConversationId { get; private set; } = "";

    public async Task StartAsync()
    {
        var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", new JsonObject { ["user"] = new JsonObject { ["id"] = UserId } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        ConversationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
    }

    public async Task SayAsync(string text)
    {
        var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities",
            new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = UserId }, ["text"] = text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<List<JsonElement>> ActivitiesAsync()
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities", null);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").EnumerateArray()];
    }

    /// <summary>Messages to the customer (bot or agent) with their sender, oldest first.</summary>
    public async Task<List<(string From, string? Name, string Text, string? Agent)>> RepliesAsync() =>
        [.. (await ActivitiesAsync())
            .Where(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot")
            .Select(a => (a.GetProperty("from").GetProperty("id").GetString()!,
                a.GetProperty("from").TryGetProperty("name", out var name) ? name.GetString() : null,
                a.GetProperty("text").GetString() ?? "",
                a.TryGetProperty("channelData", out var data) && data.TryGetProperty("agent", out var agent) ? agent.GetProperty("name").GetString() : null))];

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeskTestServer.DirectLineSecret);
        if (body is not null) request.Content = JsonContent.Create(body);
        return http.SendAsync(request);
    }
}
