namespace IntentBot.Agent.Dialogs;

/// <summary>The validated dialogs, one per intent.</summary>
public sealed class DialogCatalog(IReadOnlyDictionary<string, DialogDefinition> byIntent)
{
    public IReadOnlyDictionary<string, DialogDefinition> ByIntent { get; } = byIntent;

    public DialogDefinition? Find(string? intent) =>
        intent is not null && ByIntent.TryGetValue(intent, out var dialog) ? dialog : null;

    public DialogDefinition Get(string intent) =>
        Find(intent) ?? throw new InvalidOperationException($"No dialog for intent '{intent}'.");
}
