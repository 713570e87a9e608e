namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// The phrases a custom intent is judged against when it would take a message: each custom intent's examples and
/// the background phrases of every built-in label (out of scope included), as sentence embeddings (L2-normalised,
/// so a dot product is the cosine similarity).
/// </summary>
/// <remarks>
/// A custom intent may take a message from the base model's reading only when the message is at least as close to
/// one of its examples as to the nearest background phrase of that reading: a message that looks more like a
/// built-in intent's own phrases than like anything the shop wrote stays with the built-in intent, whatever the
/// regression guessed. Out of scope has no such phrases to speak of (a hundred phrases cannot describe everything
/// else), so a message the base model rejects must also lie within the intent's own reach: as close to an example
/// as the intent's examples typically are to each other (the median of each example's similarity to its nearest
/// other example).
/// </remarks>
internal sealed class NearestExamples
{
    private readonly float[][][] _examples;
    private readonly IReadOnlyDictionary<string, float[][]> _background;
    private readonly string? _outOfScopeLabel;

    /// <param name="examples">Per custom intent (in head order), its examples' embeddings.</param>
    /// <param name="background">Per built-in label, its background phrases' embeddings.</param>
    public NearestExamples(float[][][] examples, IReadOnlyDictionary<string, float[][]> background, string? outOfScopeLabel)
    {
        (_examples, _background, _outOfScopeLabel) = (examples, background, outOfScopeLabel);
        Reach = examples.Select(TypicalNeighbourSimilarity).ToArray();
    }

    /// <summary>Per custom intent, the median similarity of an example to its nearest other example.</summary>
    public IReadOnlyList<float> Reach { get; }

    /// <summary>True when custom intent <paramref name="intent"/> may take the message from the base reading
    /// <paramref name="baseLabel"/> (see the remarks).</summary>
    public bool Prefers(float[] embedding, int intent, string baseLabel)
    {
        var toExamples = Nearest(embedding, _examples[intent]);
        if (baseLabel == _outOfScopeLabel && toExamples < Reach[intent]) return false;
        return !_background.TryGetValue(baseLabel, out var phrases) || toExamples >= Nearest(embedding, phrases);
    }

    private static float TypicalNeighbourSimilarity(float[][] examples)
    {
        if (examples.Length < 2) return -1f;
        var nearest = examples.Select((e, i) => examples.Where((_, j) => j != i).Max(o => SoftmaxRegression.Dot(e, o))).Order().ToArray();
        var middle = nearest.Length / 2;
        return nearest.Length % 2 == 1 ? nearest[middle] : (nearest[middle - 1] + nearest[middle]) / 2;
    }

    private static float Nearest(float[] embedding, float[][] phrases)
    {
        var best = -1f;
        foreach (var phrase in phrases) best = Math.Max(best, SoftmaxRegression.Dot(embedding, phrase));
        return best;
    }
}
