using IntentBot.Protocol.Activities;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>A customer's message activity as a channel delivers it to the registered bot.</summary>
internal static class BotMessages
{
    public static Activity Message(string text, string userId, string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "test",
        Text = text,
        From = new ChannelAccount { Id = userId },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
    };
}
