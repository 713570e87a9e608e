namespace IntentBot.Context.Behaviour;

/// <summary>
/// Everything known about a user's live behaviour: aggregates over all their events, over one session
/// (the most recently active unless asked for another), the latest events and chat turns.
/// </summary>
public sealed record BehaviourContext(
    string UserId,
    string? SessionId,
    BehaviourAggregates User,
    BehaviourAggregates? Session,
    IReadOnlyList<BehaviourEvent> RecentEvents,
    IReadOnlyList<ChatTurn> RecentChatTurns);
