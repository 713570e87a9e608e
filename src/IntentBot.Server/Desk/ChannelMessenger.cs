using IntentBot.Agent.Desk;
using IntentBot.Channels.BotConnector;
using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Desk;

/// <summary>
/// Delivers desk activities on the customer's own channel. Web Chat: appended to the Direct Line transcript,
/// which wakes the customer's stream on whichever instance holds it. Bot Connector: posted to the conversation
/// through the channel's service URL as the bot (channels accept only the bot's own id), with the agent's name
/// in front of the text, since most channels show the bot's name whatever <c>from.name</c> says.
/// </summary>
public sealed class ChannelMessenger(ITranscriptStore transcripts, ConnectorClient connector, IOptions<DirectLineOptions> directLine) : ICustomerMessenger
{
    public async Task SendAsync(DeskAddress address, Activity activity, CancellationToken cancellationToken)
    {
        activity.ChannelId = address.ChannelId;
        activity.ServiceUrl = address.ServiceUrl;
        activity.Conversation = new ConversationAccount { Id = address.ConversationId };
        activity.Recipient = address.User;
        activity.Locale ??= address.Locale;

        if (address.ChannelId == DirectLineConversations.ChannelId)
        {
            activity.From ??= new ChannelAccount { Id = directLine.Value.BotId, Name = directLine.Value.BotName, Role = RoleTypes.Bot };
            await transcripts.AppendAsync(address.ConversationId, [activity], cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(address.ServiceUrl))
            throw new ConnectorException($"Conversation {address.ConversationId} on {address.ChannelId} has no service URL to reply to.", null);
        var agent = activity.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true ? activity.From.Name : null;
        activity.From = new ChannelAccount { Id = address.Bot?.Id, Name = agent ?? address.Bot?.Name, Role = RoleTypes.Bot };
        if (agent is not null && activity.Text is not null) activity.Text = $"{agent}: {activity.Text}";
        await connector.SendToConversationAsync(address.ServiceUrl, address.ConversationId, null, activity, cancellationToken);
    }
}
