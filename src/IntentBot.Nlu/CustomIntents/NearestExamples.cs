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
/// The other way round, a message that is clearly nearer to a custom intent's examples than to the built-in
/// reading's phrases (<see cref="Clearly"/>) is that intent's even where the regression, which weighs the whole
/// background, did not put it first.
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

    /// <summary>A message this similar to an example is about what the example says (below it, sentences that share
    /// only their form, "can you ...", come as close).</summary>
    internal const float ClearSimilarity = 0.55f;

    /// <summary>How much nearer to an example than to the built-in reading's phrases a message must be to leave it.</summary>
    internal const float ClearMargin = 0.1f;

    /// <summary>The custom intent whose examples the message is clearly nearest to: at least <see cref="ClearSimilarity"/>
    /// to one of them and <see cref="ClearMargin"/> nearer than to any phrase of the base reading; null when none is.</summary>
    public int? Clearly(float[] embedding, string baseLabel)
    {
        if (!_background.TryGetValue(baseLabel, out var phrases)) return null;
        var (intent, similarity) = NearestIntent(embedding);
        return similarity >= ClearSimilarity && similarity - Nearest(embedding, phrases) >= ClearMargin ? intent : null;
    }

    /// <summary>True when the message is at least <see cref="ClearSimilarity"/> to one of the intent's examples.</summary>
    public bool Near(float[] embedding, int intent) => Nearest(embedding, _examples[intent]) >= ClearSimilarity;

    private (int Intent, float Similarity) NearestIntent(float[] embedding)
    {
        var best = (Intent: -1, Similarity: -1f);
        for (var i = 0; i < _examples.Length; i++)
        {
            var similarity = Nearest(embedding, _examples[i]);
            if (similarity > best.Similarity) best = (i, similarity);
        }
        return best;
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
