using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Context.Behaviour;

internal sealed record StoredChatTurn(string Intent, float Confidence, string Sentiment, string SessionId, long TimestampMs);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredChatTurn))]
internal sealed partial class BehaviourJsonContext : JsonSerializerContext;
