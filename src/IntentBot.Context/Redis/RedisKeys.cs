namespace IntentBot.Context.Redis;

/// <summary>
/// Key design. Every key of one user carries the hash tag <c>{u:ID}</c>, so in Redis Cluster all of a
/// user's keys live in one slot: a turn's save (conversation + profile) runs as one atomic script, and
/// erasing a user is one script too. The prefix namespaces several apps sharing a server.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Conversation(string userId, string conversationId) => $"{prefix}:{Tag(userId)}:conv:{conversationId}";

    public string ConversationPrefix(string userId) => $"{prefix}:{Tag(userId)}:conv:";

    public string Profile(string userId) => $"{prefix}:{Tag(userId)}:profile";

    /// <summary>The set of a user's conversation ids: lets erasure find them without SCAN.</summary>
    public string ConversationIndex(string userId) => $"{prefix}:{Tag(userId)}:convs";

    /// <summary>A user's behaviour aggregates (hash: counts, cart, purchases, dwell, chat sentiment, current session).</summary>
    public string Behaviour(string userId) => $"{prefix}:{Tag(userId)}:bh";

    /// <summary>A user's events (Redis Stream, capped with MAXLEN ~).</summary>
    public string BehaviourEvents(string userId) => $"{prefix}:{Tag(userId)}:bh:events";

    /// <summary>Event ids seen recently (sorted set scored by arrival), for deduplication.</summary>
    public string BehaviourSeenIds(string userId) => $"{prefix}:{Tag(userId)}:bh:seen";

    /// <summary>The user's live sessions (sorted set scored by last activity): lets erasure find them without SCAN.</summary>
    public string BehaviourSessions(string userId) => $"{prefix}:{Tag(userId)}:bh:sessions";

    /// <summary>A user's recent list: "p" products, "c" categories, "i" chat turns, "v" viewed products with price.</summary>
    public string BehaviourRecent(string userId, string list) => $"{prefix}:{Tag(userId)}:bh:r{list}";

    /// <summary>
    /// A session's aggregates hash. The session id comes last after a fixed part, so no session id can
    /// produce another session's (or list's) key.
    /// </summary>
    public string Session(string userId, string sessionId) => SessionPrefix(userId) + sessionId;

    public string SessionPrefix(string userId) => $"{prefix}:{Tag(userId)}:bh:s:";

    /// <summary>A session's recent list ("p" products, "c" categories, "v" viewed with price).</summary>
    public string SessionRecent(string userId, string list, string sessionId) => SessionRecentPrefix(userId, list) + sessionId;

    public string SessionRecentPrefix(string userId, string list) => $"{prefix}:{Tag(userId)}:bh:s{list}:";

    /// <summary>
    /// The shop-wide event feed for analytics consumers. It holds no user id, session id, event id or
    /// search text (only type, product, category, price, quantity, page kind, time), so erasing a user
    /// has nothing to remove from it. It is the one key without a user tag.
    /// </summary>
    public string EventFeed() => $"{prefix}:events";

    /// <summary>
    /// The hash tag. Braces inside an id would end the tag early and scatter a user's keys over slots,
    /// so they (and the escape character) are percent-encoded.
    /// </summary>
    public static string Tag(string userId) =>
        "{u:" + userId.Replace("%", "%25", StringComparison.Ordinal).Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal) + "}";
}
