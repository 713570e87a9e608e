using System.Text.Json;

namespace IntentBot.Context.State;

/// <summary>Turns state into the bytes both stores keep, and back, checking the schema number.</summary>
public static class DocumentSerializer
{
    /// <summary>2: the engine's bookkeeping has typed fields; 1 kept it in the slots (see <see cref="LegacySlots"/>).</summary>
    public const int ConversationSchema = 2;

    public const int ProfileSchema = 1;

    public static byte[] Serialize(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredDocument<ConversationState>(ConversationSchema, state), ContextJsonContext.Default.StoredDocumentConversationState);

    public static byte[] Serialize(UserProfile profile) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredDocument<UserProfile>(ProfileSchema, profile), ContextJsonContext.Default.StoredDocumentUserProfile);

    public static ConversationState DeserializeConversation(ReadOnlySpan<byte> bytes) =>
        LegacySlots.Migrate(Check(JsonSerializer.Deserialize(bytes, ContextJsonContext.Default.StoredDocumentConversationState), ConversationSchema).Data);

    public static UserProfile DeserializeProfile(ReadOnlySpan<byte> bytes) =>
        Check(JsonSerializer.Deserialize(bytes, ContextJsonContext.Default.StoredDocumentUserProfile), ProfileSchema).Data;

    private static StoredDocument<T> Check<T>(StoredDocument<T>? document, int current)
    {
        if (document is null || document.Data is null)
            throw new JsonException("Stored document is empty.");
        if (document.Schema > current)
            throw new JsonException($"Stored document has schema {document.Schema}, newer than this release understands ({current}).");
        return document;
    }
}
