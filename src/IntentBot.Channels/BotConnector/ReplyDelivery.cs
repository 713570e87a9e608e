using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// Sends the activities a turn produced back to the conversation it came from, in order. Each reply is
/// addressed like the spec's reply: same conversation, from/recipient swapped, replyToId = the incoming id.
/// </summary>
public sealed class ReplyDelivery(ConnectorClient connector, ILogger<ReplyDelivery> logger)
{
    public async Task DeliverAsync(Activity incoming, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            var outgoing = Address(incoming, reply);
            if (TeamsChannel.Is(incoming.ChannelId) && TeamsChannel.TrimSuggestedActions(outgoing))
                logger.LogDebug("Trimmed suggested actions to {Max} for Teams", TeamsChannel.MaxSuggestedActions);
            try
            {
                await connector.SendToConversationAsync(incoming.ServiceUrl!, outgoing.Conversation!.Id!, outgoing.ReplyToId, outgoing, cancellationToken);
            }
            catch (ConnectorException e)
            {
                // One lost reply must not hold back the rest of the turn; the failure is logged with its cause.
                logger.LogError(e, "A reply to conversation {ConversationId} on {ChannelId} was not delivered", outgoing.Conversation!.Id, incoming.ChannelId);
            }
        }
    }

    /// <summary>Fills whatever the bot left out of a reply from the incoming activity; what the bot set wins.</summary>
    public static Activity Address(Activity incoming, Activity reply)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= incoming.ChannelId;
        reply.ServiceUrl ??= incoming.ServiceUrl;
        reply.Conversation ??= incoming.Conversation;
        reply.From ??= incoming.Recipient;
        reply.Recipient ??= incoming.From;
        reply.ReplyToId ??= incoming.Id;
        reply.Locale ??= incoming.Locale;
        // The conversation is the incoming one whatever the bot wrote: a turn cannot redirect its replies.
        if (reply.Conversation?.Id != incoming.Conversation?.Id) reply.Conversation = incoming.Conversation;
        return reply;
    }
}
