using System.Text.Json;

namespace IntentBot.Context.State;

/// <summary>Turns state into the bytes both stores keep, and back, checking the schema number.</summary>
public static class DocumentSerializer
{
    public const int CurrentSchema = 1;

    public static byte[] Serialize(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredDocument<ConversationState>(CurrentSchema, state), ContextJsonContext.Default.StoredDocumentConversationState);

    public static byte[] Serialize(UserProfile profile) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredDocument<UserProfile>(CurrentSchema, profile), ContextJsonContext.Default.StoredDocumentUserProfile);

    public static ConversationState DeserializeConversation(ReadOnlySpan<byte> bytes) =>
        Check(JsonSerializer.Deserialize(bytes, ContextJsonContext.Default.StoredDocumentConversationState)).Data;

    public static UserProfile DeserializeProfile(ReadOnlySpan<byte> bytes) =>
        Check(JsonSerializer.Deserialize(bytes, ContextJsonContext.Default.StoredDocumentUserProfile)).Data;

    private static StoredDocument<T> Check<T>(StoredDocument<T>? document)
    {
        if (document is null || document.Data is null)
            throw new JsonException("Stored document is empty.");
        if (document.Schema > CurrentSchema)
            throw new JsonException($"Stored document has schema {document.Schema}, newer than this release understands ({CurrentSchema}).");
        return document;
    }
}
