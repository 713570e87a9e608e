namespace IntentBot.Agent.Dialogs;

/// <summary>
/// The validated dialogs: one per intent of the model (<see cref="ByIntent"/>), and the dialogs of upcoming intents
/// the model has no label for yet (<see cref="Inactive"/>), which only the engine's cues start.
/// </summary>
public sealed class DialogCatalog(IReadOnlyDictionary<string, DialogDefinition> byIntent, IReadOnlyDictionary<string, DialogDefinition>? inactive = null)
{
    public IReadOnlyDictionary<string, DialogDefinition> ByIntent { get; } = byIntent;

    public IReadOnlyDictionary<string, DialogDefinition> Inactive { get; } = inactive ?? new Dictionary<string, DialogDefinition>();

    /// <summary>The dialog for an intent, active or not (a button or a cue may name an inactive one).</summary>
    public DialogDefinition? Find(string? intent) =>
        intent is null ? null : ByIntent.TryGetValue(intent, out var dialog) ? dialog : Inactive.GetValueOrDefault(intent);

    public DialogDefinition Get(string intent) =>
        Find(intent) ?? throw new InvalidOperationException($"No dialog for intent '{intent}'.");
}
