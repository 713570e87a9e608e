namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// An intent the model has no label for, declared by a shop with example phrases (a dialog file's
/// <c>examples:</c>). It is learnt at load time from the sentence embeddings of its examples.
/// </summary>
/// <param name="Name">The new label.</param>
/// <param name="Category">Its category in answers ("CUSTOM" when the shop names none).</param>
/// <param name="Examples">What customers say for it, in any language the model reads.</param>
/// <param name="Overrides">A built-in label this intent replaces for this shop: that label's messages read as this intent.</param>
/// <param name="Source">Where it was declared (a file name), for messages.</param>
public sealed record CustomIntent(string Name, string Category, IReadOnlyList<string> Examples, string? Overrides = null, string Source = "")
{
    public const string DefaultCategory = "CUSTOM";

    /// <summary>Fewer examples than this cannot describe an intent (and leave nothing to cross-validate on).</summary>
    public const int MinimumExamples = 5;
}
