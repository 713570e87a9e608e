using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Agent.Handoff;

/// <summary>A conversation waiting for a human, as the shop's agent console reads it from the queue.</summary>
/// <param name="Reason">Why: "requested" (the customer asked), "frustration" (repeated negative turns), "escalation".</param>
/// <param name="Summary">One line for the console's list: intent, sentiment, what was pending.</param>
/// <param name="Transcript">The last turns, oldest first ("customer: ..." / "bot: ...").</param>
public sealed record HandoffRecord(
    string ConversationId,
    string UserId,
    string? ChannelId,
    string Reason,
    string Summary,
    IReadOnlyList<string> Transcript,
    DateTimeOffset CreatedUtc);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HandoffRecord))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<HandoffRecord>))]
public sealed partial class HandoffJsonContext : JsonSerializerContext;
