using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Desk;

/// <summary>Who wrote a desk transcript line.</summary>
public static class DeskRoles
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";
    /// <summary>What happened to the conversation (claimed, handed back with a note, closed).</summary>
    public const string Event = "event";
}

/// <summary>
/// One line of the desk's transcript. A customer line carries the model's reading of it; lines copied from the
/// bot's own transcript at handoff have no time.
/// </summary>
public sealed record DeskEntry(
    string Role,
    string Text,
    DateTimeOffset? Utc,
    string? Agent = null,
    string? Intent = null,
    double? Confidence = null,
    string? Sentiment = null,
    double? SentimentConfidence = null);

/// <summary>The agent who owns a handed-off conversation.</summary>
public sealed record DeskClaim(string Agent, DateTimeOffset ClaimedUtc);

/// <summary>Where the customer is: enough to send them a message later, on whichever instance the agent works.</summary>
public sealed record DeskAddress(
    string ChannelId,
    string? ServiceUrl,
    string ConversationId,
    ChannelAccount? User,
    ChannelAccount? Bot,
    string? Locale);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeskEntry))]
[JsonSerializable(typeof(DeskClaim))]
[JsonSerializable(typeof(DeskAddress))]
[JsonSerializable(typeof(List<DeskEntry>))]
public sealed partial class DeskJsonContext : JsonSerializerContext;
