using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Protocol.Activities;

namespace IntentBot.Server.Insights;

/// <summary>A customer's thumb on a reply: up or down, and the id of the customer's message the reply answered.</summary>
public sealed record Rating(bool Up, string AnsweredActivityId);

/// <summary>
/// Web Chat's message feedback on the wire (botframework-webchat 4.18). A bot message shows thumbs-up/down buttons when
/// it carries a schema.org Message entity about itself (<c>"@id": ""</c>) whose <c>potentialAction</c> holds a
/// LikeAction and a DislikeAction. A click (debounced 500 ms) posts an <b>event</b> activity — not an invoke, so no
/// invokeResponse is due — named <c>webchat:activity-status/feedback</c> whose only entity is the chosen action, as the
/// bot wrote it. The event names neither the reply nor the message it answered, so each action carries the id of the
/// customer's message in its <c>object</c>: the server reads the text from its own transcript, never from the client.
/// </summary>
public static class MessageFeedback
{
    public const string EventName = "webchat:activity-status/feedback";
    public const string Like = "LikeAction";
    public const string Dislike = "DislikeAction";

    /// <summary>The entity that makes Web Chat draw the buttons under a reply to <paramref name="answeredActivityId"/>.</summary>
    public static JsonElement Entity(string answeredActivityId)
    {
        var message = new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@context"] = "https://schema.org",
            ["@id"] = "",
            ["@type"] = "Message",
            ["potentialAction"] = new JsonArray(Action(Like, "Helpful", answeredActivityId), Action(Dislike, "Not helpful", answeredActivityId)),
        };
        using var document = JsonDocument.Parse(message.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>The rating an incoming activity carries, or null when it is not a well-formed feedback event.</summary>
    public static Rating? Read(Activity incoming)
    {
        if (incoming.Type != ActivityTypes.Event || incoming.Name != EventName || incoming.Entities is not [var action]) return null;
        if (action.ValueKind != JsonValueKind.Object || !action.TryGetProperty("@type", out var type) || type.ValueKind != JsonValueKind.String) return null;
        var up = type.GetString() switch { Like => true, Dislike => false, _ => (bool?)null };
        if (up is null) return null;
        if (!action.TryGetProperty("object", out var answered) || answered.ValueKind != JsonValueKind.Object
            || !answered.TryGetProperty("@id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            return null;
        return new Rating(up.Value, id.GetString()!);
    }

    private static JsonObject Action(string type, string name, string answeredActivityId) => new()
    {
        ["@type"] = type,
        ["name"] = name,
        ["object"] = new JsonObject { ["@type"] = "Message", ["@id"] = answeredActivityId },
    };
}
