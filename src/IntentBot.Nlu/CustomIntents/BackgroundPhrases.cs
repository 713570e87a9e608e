namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// Phrases that are not any custom intent: a dozen per built-in intent and some out-of-scope questions, shipped
/// inside the assembly (background.tsv). A custom intent is learnt against them, so it claims only what its
/// examples say and leaves the built-in intents' messages where they were.
/// </summary>
internal static class BackgroundPhrases
{
    public static IReadOnlyList<(string Label, string Text)> Load()
    {
        using var stream = typeof(BackgroundPhrases).Assembly.GetManifestResourceStream("IntentBot.Nlu.CustomIntents.background.tsv")
            ?? throw new InvalidOperationException("The background phrases resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var phrases = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0) phrases.Add((line[..tab], line[(tab + 1)..]));
        }
        return phrases;
    }
}
