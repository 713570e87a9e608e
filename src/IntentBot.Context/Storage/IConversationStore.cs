using IntentBot.Context.State;

namespace IntentBot.Context.Storage;

/// <summary>
/// The storage contract for conversation state and user profiles. Two implementations pass the same
/// contract tests: <see cref="InMemoryConversationStore"/> (the embedded default) and
/// <see cref="Redis.RedisConversationStore"/>.
/// </summary>
/// <remarks>
/// A turn reads state with its version, works, then calls <see cref="SaveTurnAsync"/> with the versions it
/// read. The save is atomic across the conversation and the profile and succeeds only if neither changed
/// in between; otherwise nothing is written and the caller retries the turn on fresh state. So two
/// turns racing on one conversation never silently overwrite each other.
/// </remarks>
public interface IConversationStore
{
    Task<Versioned<ConversationState>?> GetConversationAsync(string userId, string conversationId, CancellationToken cancellationToken = default);

    Task<Versioned<UserProfile>?> GetProfileAsync(string userId, CancellationToken cancellationToken = default);

    /// <param name="expectedConversationVersion">The version read, or 0 for a conversation not stored yet.</param>
    /// <param name="profile">The profile to save with the turn, or null to leave it untouched.</param>
    /// <param name="expectedProfileVersion">The profile version read, or 0 for a new profile.</param>
    Task<SaveResult> SaveTurnAsync(ConversationState conversation, long expectedConversationVersion,
        UserProfile? profile, long expectedProfileVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of the user's stored conversations (empty for an unknown user). Erasure uses them to find what
    /// other components (<see cref="IUserDataErasure"/>) keep per conversation.
    /// </summary>
    Task<IReadOnlyCollection<string>> ListConversationIdsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Erases everything stored about a user (all conversations, profile).</summary>
    Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of a save: the new versions, or which document changed underneath.</summary>
public sealed record SaveResult(bool Saved, long ConversationVersion, long ProfileVersion, string? Conflict)
{
    public static SaveResult Success(long conversationVersion, long profileVersion) => new(true, conversationVersion, profileVersion, null);

    public static SaveResult Conflicted(string what, long conversationVersion, long profileVersion) => new(false, conversationVersion, profileVersion, what);
}
