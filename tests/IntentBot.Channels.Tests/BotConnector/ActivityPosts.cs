using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>Builds the activities a Bot Framework channel would post to /api/messages.</summary>
internal static class ActivityPosts
{
    public const string BotId = "28:intentbot";
    public const string UserId = "29:user-1";

    public static JsonObject Message(string serviceUrl, string conversationId, string activityId, string text, string channelId = "test") => new()
    {
        ["type"] = "message",
        ["id"] = activityId,
        ["timestamp"] = "2026-11-23T12:00:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Customer" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "IntentBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = text,
        ["locale"] = "en-US",
    };

    public static string NewConversation() => "a:conv-" + Guid.NewGuid().ToString("N")[..12] + ";messageid=1";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity, string? token) =>
        await PostRawAsync(client, activity.ToJsonString(), token);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
