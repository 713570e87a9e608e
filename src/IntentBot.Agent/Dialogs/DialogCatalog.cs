namespace IntentBot.Agent.Dialogs;

/// <summary>
/// The validated dialogs: one per intent of the model (<see cref="ByIntent"/>), and the dialogs of upcoming intents
/// the model has no label for yet (<see cref="Inactive"/>), which only the engine's cues start. A reload of the
/// dialogs folder replaces the whole set at once (<see cref="Replace"/>); every reader sees one set or the other.
/// </summary>
public sealed class DialogCatalog(IReadOnlyDictionary<string, DialogDefinition> byIntent, IReadOnlyDictionary<string, DialogDefinition>? inactive = null)
{
    private sealed record Contents(IReadOnlyDictionary<string, DialogDefinition> ByIntent, IReadOnlyDictionary<string, DialogDefinition> Inactive);

    private Contents _contents = new(byIntent, inactive ?? new Dictionary<string, DialogDefinition>());

    public IReadOnlyDictionary<string, DialogDefinition> ByIntent => Volatile.Read(ref _contents).ByIntent;

    public IReadOnlyDictionary<string, DialogDefinition> Inactive => Volatile.Read(ref _contents).Inactive;

    /// <summary>The dialog for an intent, active or not (a button or a cue may name an inactive one).</summary>
    public DialogDefinition? Find(string? intent)
    {
        var contents = Volatile.Read(ref _contents);
        return intent is null ? null : contents.ByIntent.TryGetValue(intent, out var dialog) ? dialog : contents.Inactive.GetValueOrDefault(intent);
    }

    public DialogDefinition Get(string intent) =>
        Find(intent) ?? throw new InvalidOperationException($"No dialog for intent '{intent}'.");

    /// <summary>Takes the dialogs of <paramref name="next"/> (a reload of the folder).</summary>
    public void Replace(DialogCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _contents, Volatile.Read(ref next._contents));
    }

    /// <summary>These dialogs plus those of <paramref name="previous"/> for intents these lack: used while the
    /// classifier switches to new custom intents, so a label the old classifier still gives keeps its dialog.</summary>
    public DialogCatalog WithFallback(DialogCatalog previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var merged = new Dictionary<string, DialogDefinition>(previous.ByIntent, StringComparer.Ordinal);
        foreach (var (intent, dialog) in ByIntent) merged[intent] = dialog;
        return new DialogCatalog(merged, Inactive);
    }
}
