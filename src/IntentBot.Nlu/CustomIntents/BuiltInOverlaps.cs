using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// Where a custom intent says what a built-in intent already means ("bulk orders" and <c>place_order</c>): its
/// examples that the base model reads confidently as that built-in intent. Messages like them stay with the
/// built-in intent wherever they look more like its phrases than like the shop's examples, so the shop is told
/// once per pair, with the phrases to rephrase, or to override the built-in intent.
/// </summary>
internal static class BuiltInOverlaps
{
    public static IEnumerable<CustomIntentProblem> Find(IReadOnlyList<CustomIntent> declared,
        IReadOnlyList<(int Intent, string Text, ClassificationResult Reading)> examples, float confident)
    {
        var claimed = examples.Where(e => !e.Reading.OutOfScope && e.Reading.Intent.Confidence >= confident && e.Reading.Intent.Label != declared[e.Intent].Overrides);
        foreach (var pair in claimed.GroupBy(e => (e.Intent, BuiltIn: e.Reading.Intent.Label)))
        {
            var own = declared[pair.Key.Intent];
            var builtIn = pair.Key.BuiltIn;
            var phrases = string.Join(", ", pair.Select(e => $"'{e.Text}' {e.Reading.Intent.Confidence:0.00}"));
            yield return new CustomIntentProblem(false, own.Source,
                $"examples: {own.Name} overlaps the built-in intent {builtIn}: the model already reads {pair.Count()} of its {own.Examples.Count} examples as {builtIn} ({phrases}). " +
                $"Messages like these stay {builtIn} when they are nearer to its phrases than to the examples of {own.Name}; " +
                $"rephrase them to say what only {own.Name} is about, or set overrides: {builtIn} to give every {builtIn} message to {own.Name}");
        }
    }

    /// <summary>True when an overlap report already names the example, so that no other warning repeats it.</summary>
    public static bool Names(CustomIntentProblem problem, string text) => problem.Message.Contains($"'{text}' ", StringComparison.Ordinal);
}
