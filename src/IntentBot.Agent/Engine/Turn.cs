using System.Text.Json;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Handoff;
using IntentBot.Context.State;
using IntentBot.Nlu.Classification;
using IntentBot.Protocol.Activities;

namespace IntentBot.Agent.Engine;

/// <summary>
/// The working copy of one turn: the state read from the store, changed in place while the turn runs, then
/// saved as a new <see cref="ConversationState"/> with the version it was read at.
/// </summary>
/// <remarks>
/// Slots are namespaced by dialog ("track_order.order_number") so a suspended dialog keeps its answers while
/// another one runs; each dialog's bookkeeping (what it asked, tries, confirmation) is its <see cref="DialogProgress"/>.
/// </remarks>
internal sealed class Turn
{
    public required Activity Incoming { get; init; }
    public required string Text { get; init; }
    /// <summary>The model's reading; a second reading (<see cref="ShopNameReading"/>) may replace it before a dialog starts.</summary>
    public required ClassificationResult Nlu { get; set; }
    public required ConversationState Original { get; init; }
    public required long ConversationVersion { get; init; }
    public required UserProfile Profile { get; set; }
    public required long ProfileVersion { get; init; }
    public required CustomerSignals Signals { get; init; }

    /// <summary>True when the user id is a customer of the shop (the shop's page passed its signed-in customer to the
    /// widget): their own orders need no further proof. A guest proves each order (<see cref="GuestVerification"/>).</summary>
    public bool SignedIn { get; init; } = true;

    /// <summary>What this message says (order number, e-mail, country, size, colour, budget).</summary>
    public Entities Said { get; set; } = new();

    /// <summary>What the conversation knows beyond one dialog, read and changed through <see cref="Memory"/>.</summary>
    public ConversationFacts Facts { get; set; } = new();

    public ConversationMemory Memory => new(this);

    public Dictionary<string, string> Slots { get; init; } = [];
    public Dictionary<string, DialogProgress> Progress { get; init; } = [];
    public bool PromotionOffered { get; set; }
    public string? Active { get; set; }
    public List<string> Suspended { get; init; } = [];
    public List<string> RecentIntents { get; init; } = [];
    public bool Negative { get; set; }

    /// <summary>The reply already apologises for the shopper's frustration: no second apology is added.</summary>
    public bool Empathised { get; set; }
    public bool HandedOff { get; set; }
    public HandoffRecord? Handoff { get; set; }
    public List<Activity> Replies { get; } = [];

    /// <summary>Action outputs of the dialog running now, as JSON (for cards); not persisted.</summary>
    public Dictionary<string, JsonElement> Outputs { get; } = new(StringComparer.Ordinal);

    public string UserId => Original.UserId;
    public string ConversationId => Original.ConversationId;

    public string? Get(string dialog, string name) => Slots.TryGetValue($"{dialog}.{name}", out var v) ? v : null;

    public void Set(string dialog, string name, string? value)
    {
        if (value is null) Slots.Remove($"{dialog}.{name}");
        else Slots[$"{dialog}.{name}"] = value;
    }

    /// <summary>A dialog's bookkeeping (an empty one before it asked anything).</summary>
    public DialogProgress ProgressOf(string dialog) => Progress.GetValueOrDefault(dialog) ?? new DialogProgress();

    public void Update(string dialog, Func<DialogProgress, DialogProgress> change) => Progress[dialog] = change(ProgressOf(dialog));

    /// <summary>Forgets everything a dialog stored (its answers and bookkeeping).</summary>
    public void Clear(string dialog)
    {
        foreach (var key in Slots.Keys.Where(k => k.StartsWith(dialog + ".", StringComparison.Ordinal)).ToList())
            Slots.Remove(key);
        Progress.Remove(dialog);
    }

    public List<string> Transcript { get; init; } = [];

    public void AddTranscript(string line, int keep)
    {
        Transcript.Add(line.Length > 300 ? line[..300] + "…" : line);
        if (Transcript.Count > keep) Transcript.RemoveRange(0, Transcript.Count - keep);
    }

    /// <summary>Things the customer asked about in this conversation (product slots), most recent last.</summary>
    public List<string> Searched { get; init; } = [];

    public void RememberSearch(string what)
    {
        Searched.RemoveAll(s => string.Equals(s, what, StringComparison.OrdinalIgnoreCase));
        Searched.Add(what);
        if (Searched.Count > 5) Searched.RemoveAt(0);
    }

    public ConversationState ToState(DateTimeOffset now) => Original with
    {
        ActiveDialog = Active,
        Slots = new Dictionary<string, string>(Slots),
        Progress = new Dictionary<string, DialogProgress>(Progress),
        Facts = Facts,
        Transcript = [.. Transcript],
        Searched = [.. Searched],
        PromotionOffered = PromotionOffered,
        SuspendedDialogs = [.. Suspended],
        TurnCount = Original.TurnCount + 1,
        RecentIntents = [.. RecentIntents.TakeLast(10)],
        LastSentiment = Nlu.Sentiment.Label,
        HandedOff = HandedOff,
        UpdatedUtc = now,
    };
}
