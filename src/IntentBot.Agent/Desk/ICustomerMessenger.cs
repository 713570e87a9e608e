using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Desk;

/// <summary>
/// Sends an activity to a customer outside a bot turn, on the channel they wrote from (Web Chat's transcript,
/// or a Bot Connector channel's conversation). The server provides it; the channels live there.
/// </summary>
public interface ICustomerMessenger
{
    /// <param name="activity">Sender, text and type set; the messenger addresses it to <paramref name="address"/>.</param>
    Task SendAsync(DeskAddress address, Activity activity, CancellationToken cancellationToken);
}
