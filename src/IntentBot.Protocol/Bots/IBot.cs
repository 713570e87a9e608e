using IntentBot.Protocol.Activities;

namespace IntentBot.Protocol.Bots;

/// <summary>
/// The bot as the channels see it: one incoming activity in, the activities to send back out. Every
/// channel (Direct Line, Bot Connector, the terminal) calls this, so they all get the same agent.
/// </summary>
/// <remarks>
/// Registered as a singleton and taken by the channels' constructors: a turn's state lives in the conversation
/// store, not in the bot object, so one instance serves every conversation for the app's lifetime.
/// </remarks>
public interface IBot
{
    Task<BotTurnResult> OnTurnAsync(Activity incoming, CancellationToken cancellationToken);
}

/// <summary>What a turn produced.</summary>
/// <param name="Replies">Activities to deliver to the conversation, in order (messages, typing, events).</param>
/// <param name="InvokeResponse">For invoke activities: the synchronous response body the channel expects.</param>
public sealed record BotTurnResult(IReadOnlyList<Activity> Replies, InvokeResponse? InvokeResponse = null)
{
    public static BotTurnResult Empty { get; } = new([]);
}

/// <summary>The HTTP status and body returned to the channel for an invoke activity.</summary>
public sealed record InvokeResponse(int Status, object? Body = null);
