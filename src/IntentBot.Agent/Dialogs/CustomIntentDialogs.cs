using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Agent.Dialogs;

/// <summary>The custom intents the dialogs declare: every dialog with <c>examples:</c>.</summary>
public static class CustomIntentDialogs
{
    public static IReadOnlyList<CustomIntent> Declared(IEnumerable<DialogDefinition> dialogs) => dialogs
        .Where(d => d.Examples is not null || d.Overrides is not null || d.Category is not null)
        .Select(d => new CustomIntent(d.Intent, d.Category ?? CustomIntent.DefaultCategory, d.Examples ?? [], d.Overrides, d.SourceFile))
        .ToList();
}
