namespace IntentBot.Context.State;

/// <summary>
/// What the bot remembers about one conversation between turns. Immutable: a turn produces a new
/// state and saves it with the version it started from (optimistic concurrency).
/// </summary>
public sealed record ConversationState
{
    public required string ConversationId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The dialog in progress (null when idle), e.g. "track_order".</summary>
    public string? ActiveDialog { get; init; }

    /// <summary>The active dialog's filled slots, e.g. orderNumber → "W123456".</summary>
    public IReadOnlyDictionary<string, string> Slots { get; init; } = new Dictionary<string, string>();

    /// <summary>Dialogs interrupted by a new question, to resume afterwards (most recent last).</summary>
    public IReadOnlyList<string> SuspendedDialogs { get; init; } = [];

    public int TurnCount { get; init; }

    /// <summary>The last intents recognised in this conversation, most recent last.</summary>
    public IReadOnlyList<string> RecentIntents { get; init; } = [];

    public string? LastSentiment { get; init; }

    /// <summary>True while a human agent owns the conversation and the bot stays silent.</summary>
    public bool HandedOff { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }
}
