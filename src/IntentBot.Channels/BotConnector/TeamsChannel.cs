using System.Text.Json;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.BotConnector;

/// <summary>What Microsoft Teams does differently from other Bot Connector channels.</summary>
public static class TeamsChannel
{
    public const string ChannelId = "msteams";

    /// <summary>Teams shows only the first three suggested actions; sending more would silently lose the rest.</summary>
    public const int MaxSuggestedActions = 3;

    public static bool Is(string? channelId) => string.Equals(channelId, ChannelId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The tenant of a Teams activity: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    public static string? TenantId(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 } value)
        {
            return value;
        }
        return string.IsNullOrWhiteSpace(activity.Conversation?.TenantId) ? null : activity.Conversation.TenantId;
    }

    /// <summary>Makes the tenant visible to the bot on <c>conversation.tenantId</c>, which replies then carry back.</summary>
    public static void NormaliseIncoming(Activity activity)
    {
        if (!Is(activity.ChannelId) || activity.Conversation is null) return;
        activity.Conversation.TenantId ??= TenantId(activity);
    }

    /// <summary>Trims suggested actions to what Teams displays. Adaptive Cards and other attachments pass through untouched.</summary>
    public static bool TrimSuggestedActions(Activity reply)
    {
        if (reply.SuggestedActions?.Actions is not { Count: > MaxSuggestedActions } actions) return false;
        reply.SuggestedActions.Actions = [.. actions.Take(MaxSuggestedActions)];
        return true;
    }
}
