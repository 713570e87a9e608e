namespace IntentBot.Context.Behaviour;

/// <summary>
/// Behaviour events and the aggregates built from them, per user and per session. Two implementations
/// pass the same contract tests: <see cref="InMemoryBehaviourStore"/> (embedded default) and
/// <see cref="Redis.RedisBehaviourStore"/>. Each event (or chat turn) updates its user's and session's
/// aggregates atomically: it is counted completely or not at all. Failures to reach the store throw
/// <see cref="Storage.StoreUnavailableException"/>.
/// </summary>
public interface IBehaviourStore
{
    /// <summary>
    /// Stores validated events and folds them into the aggregates. An event id already stored for the
    /// user (also earlier in the same batch) is a duplicate and changes nothing. Returns one outcome per
    /// event, in order. Events of one user are applied together; a failure part-way through a batch of
    /// several users may leave some users' events stored: retry the batch (duplicates are harmless).
    /// </summary>
    Task<IReadOnlyList<EventOutcome>> AppendAsync(IReadOnlyList<BehaviourEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agent calls this after every chat turn: records the recognised intent, its confidence and the
    /// message's sentiment into the user's and the session's aggregates and the recent chat turns.
    /// </summary>
    /// <param name="sessionId">The shop session when the channel knows it, else the conversation id.</param>
    /// <param name="intent">The intent label (e.g. "track_order", or "out_of_scope").</param>
    /// <param name="confidence">0 to 1.</param>
    /// <param name="sentiment">"negative", "neutral" or "positive".</param>
    Task RecordChatTurnAsync(string userId, string sessionId, string intent, float confidence, string sentiment,
        DateTimeOffset timestamp, CancellationToken cancellationToken = default);

    /// <summary>The live context, or null when nothing is stored for the user.</summary>
    /// <param name="sessionId">The session to describe; null for the user's most recently active one.</param>
    Task<BehaviourContext?> GetContextAsync(string userId, string? sessionId = null, CancellationToken cancellationToken = default);

    /// <summary>Erases everything behavioural stored about a user: events, aggregates, sessions, chat turns, seen ids.</summary>
    Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default);
}
