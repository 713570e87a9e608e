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

    /// <summary>
    /// The hash tag. Braces inside an id would end the tag early and scatter a user's keys over slots,
    /// so they (and the escape character) are percent-encoded.
    /// </summary>
    public static string Tag(string userId) =>
        "{u:" + userId.Replace("%", "%25", StringComparison.Ordinal).Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal) + "}";
}
