using IntentBot.Context.Storage;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// The fields the Activity schema requires, plus a usable serviceUrl since every turn may reply. The ids that
/// become storage keys (channel, conversation, sender, activity) follow the one id rule (StoredIds), so nothing
/// outside it reaches the store and DELETE /api/v1/users/{id} can name every sender that was stored.
/// </summary>
public static class ActivityValidation
{
    public static Dictionary<string, string[]> Validate(Activity activity)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(activity.Type)) errors["type"] = ["The activity type is required."];
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) errors["channelId"] = ["channelId is required."];
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) errors["conversation.id"] = ["conversation.id is required."];
        if (string.IsNullOrWhiteSpace(activity.From?.Id)) errors["from.id"] = ["from.id is required."];
        Id(errors, "channelId", activity.ChannelId);
        Id(errors, "conversation.id", activity.Conversation?.Id);
        Id(errors, "from.id", activity.From?.Id);
        if (activity.Id is not null) Id(errors, "id", activity.Id);
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
            errors["serviceUrl"] = ["serviceUrl is required: replies are sent there."];
        else if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors["serviceUrl"] = ["serviceUrl must be an absolute http(s) URL."];
        return errors;
    }

    private static void Id(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || errors.ContainsKey(field)) return;
        if (StoredIds.Error(value, field) is { } error) errors[field] = [error];
    }
}
