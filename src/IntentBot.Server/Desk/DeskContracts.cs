using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Agent.Desk;
using IntentBot.Server.Context;

namespace IntentBot.Server.Desk;

/// <summary>A queue entry: the handoff record's fields, plus who claimed it, how long it has waited and the customer's last message.</summary>
public sealed record HandoffQueueItem(
    string ConversationId,
    string UserId,
    string? ChannelId,
    string Reason,
    string Summary,
    IReadOnlyList<string> Transcript,
    DateTimeOffset CreatedUtc,
    double WaitingSeconds,
    DeskClaim? Claim,
    DeskEntry? LastCustomerMessage);

/// <summary>An opened conversation for the desk.</summary>
/// <param name="HandedOff">False once handed back or closed (the transcript stays readable).</param>
/// <param name="Customer">The behaviour context (recent events, chat turns, live purchase intent and its factors); null when none is stored.</param>
/// <param name="Orders">The customer's orders in the shop, newest first (none for anonymous visitors).</param>
public sealed record ConversationTranscript(
    string ConversationId,
    string? UserId,
    string? ChannelId,
    bool HandedOff,
    string? Reason,
    DateTimeOffset? CreatedUtc,
    DeskClaim? Claim,
    IReadOnlyList<DeskEntry> Entries,
    ContextResponse? Customer,
    IReadOnlyList<OrderSummary> Orders,
    IReadOnlyList<string> Suggestions);

public sealed record OrderSummary(string Number, string Status, DateTimeOffset PlacedAt, decimal Total, string Currency, IReadOnlyList<string> Items);

public sealed record AgentRef(string? Name);

/// <summary>Body of POST .../messages: <c>{"text": "...", "agent": {"name": "Maria"}}</c> (the agent is the session's when signed in).</summary>
public sealed record AgentMessageRequest(string? Text, AgentRef? Agent);

/// <summary>Body of claim and typing: the agent (optional with a desk session).</summary>
public sealed record ClaimRequest(AgentRef? Agent);

/// <summary>Body of handback and close: an optional note for the desk's record.</summary>
public sealed record HandbackRequest(string? Note, AgentRef? Agent);

public sealed record AgentMessageResponse(string ConversationId, DeskEntry Entry, DeskClaim? Claim);

public sealed record HandbackResponse(string ConversationId, string UserId, string? ChannelId, string Reason, string Summary,
    IReadOnlyList<string> Transcript, DateTimeOffset CreatedUtc, string Outcome, string? Note);

public sealed record SignInRequest(string? Name, string? Secret);

/// <param name="Open">True when the desk needs no sign-in (no agent accounts and no API keys configured).</param>
public sealed record SessionResponse(string? Agent, string? Kind, string? CsrfToken, DateTimeOffset? ExpiresUtc, bool Open);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(List<HandoffQueueItem>))]
[JsonSerializable(typeof(ConversationTranscript))]
[JsonSerializable(typeof(AgentMessageRequest))]
[JsonSerializable(typeof(ClaimRequest))]
[JsonSerializable(typeof(HandbackRequest))]
[JsonSerializable(typeof(AgentMessageResponse))]
[JsonSerializable(typeof(HandbackResponse))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(DeskClaim))]
[JsonSerializable(typeof(CorrectionRequest))]
internal sealed partial class DeskApiJsonContext : JsonSerializerContext;
