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

    /// <summary>The dialogs' slot values, e.g. orderNumber → "W123456"; nothing but values the shopper gave.</summary>
    public IReadOnlyDictionary<string, string> Slots { get; init; } = new Dictionary<string, string>();

    /// <summary>Each started dialog's bookkeeping (the question it waits on, tries, confirmation), by dialog.</summary>
    public IReadOnlyDictionary<string, DialogProgress> Progress { get; init; } = new Dictionary<string, DialogProgress>();

    /// <summary>What the conversation knows beyond one dialog.</summary>
    public ConversationFacts Facts { get; init; } = new();

    /// <summary>The last lines said ("customer: ...", "bot: ..."), oldest first: context for a person or a language model.</summary>
    public IReadOnlyList<string> Transcript { get; init; } = [];

    /// <summary>Products the shopper asked about in this conversation, most recent last.</summary>
    public IReadOnlyList<string> Searched { get; init; } = [];

    /// <summary>A promotion was offered to a hesitant shopper: one offer per conversation.</summary>
    public bool PromotionOffered { get; init; }

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
