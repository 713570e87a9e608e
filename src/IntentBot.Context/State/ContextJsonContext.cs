using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Context.State;

/// <summary>
/// Stored documents are wrapped in an envelope with a schema number, so a later release can read (and
/// migrate) what an earlier one wrote; serialisation is source-generated (no reflection at run time).
/// </summary>
public sealed record StoredDocument<T>(int Schema, T Data);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredDocument<ConversationState>))]
[JsonSerializable(typeof(StoredDocument<UserProfile>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ContextJsonContext : JsonSerializerContext;
