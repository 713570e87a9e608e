using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// The fitted custom intents: a softmax regression over the sentence embedding that tells each custom intent
/// from "anything else" (the background: every built-in intent and out of scope). A message is read by both
/// heads at once: a custom intent gets the regression's probability, each built-in label its base probability
/// times the regression's background probability, so the scores stay one distribution, whose top label wins; then
/// the model's calibrated out-of-scope rule decides once, for that winner (see <see cref="Apply"/>).
/// </summary>
public sealed class CustomIntentHead
{
    private readonly SoftmaxRegression _regression;
    private readonly float _temperature;
    private readonly ModelInfo _base;
    private readonly Dictionary<string, int> _overridden;
    private readonly HashSet<string> _customNames;

    internal CustomIntentHead(ModelInfo baseModel, IReadOnlyList<CustomIntent> intents, SoftmaxRegression regression, float temperature)
    {
        (_base, Intents, _regression, _temperature) = (baseModel, intents, regression, temperature);
        _overridden = intents.Select((intent, index) => (intent, index)).Where(x => x.intent.Overrides is not null)
            .ToDictionary(x => x.intent.Overrides!, x => x.index, StringComparer.Ordinal);
        _customNames = intents.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Model = baseModel with
        {
            Intents = baseModel.Intents.Where(l => !_overridden.ContainsKey(l.Name))
                .Concat(intents.Select(i => new IntentLabel(i.Name, i.Category))).ToArray(),
        };
    }

    public IReadOnlyList<CustomIntent> Intents { get; }

    /// <summary>The base model's description with the custom labels added and the overridden ones removed.</summary>
    public ModelInfo Model { get; }

    /// <summary>The calibrated temperature of the regression's logits (chosen under cross-validation).</summary>
    public float Temperature => _temperature;

    /// <summary>Reads a base result that lists every base label (top-k = all) with the custom intents.</summary>
    public ClassificationResult Apply(ClassificationResult full, int topK)
    {
        ArgumentNullException.ThrowIfNull(full);
        if (full.Embedding is not { } embedding) return full;
        var oos = _base.OutOfScopeLabel;
        var threshold = _base.OutOfScopeThreshold;
        // The base verdict is out of scope although an in-scope label leads confidently only when the text had
        // no readable token: no custom intent can be read into such a text either.
        var unreadable = full.OutOfScope && full.Intent.Label != oos && full.Intent.Confidence >= threshold;

        var custom = _regression.Predict(embedding, _temperature);
        var background = custom[^1];
        var scores = new List<IntentScore>(full.Intents.Count + Intents.Count);
        var customScores = custom[..^1];
        foreach (var score in full.Intents)
        {
            if (_overridden.TryGetValue(score.Label, out var owner)) customScores[owner] += background * score.Confidence;
            else scores.Add(score with { Confidence = background * score.Confidence });
        }
        for (var i = 0; i < Intents.Count; i++)
            scores.Add(new IntentScore(Intents[i].Name, Intents[i].Category, customScores[i]));
        scores.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));

        // The out-of-scope rule is the model's calibrated one, applied to the winner in its own head: a custom winner
        // must clear the threshold with its probability; a built-in winner is judged on the base distribution, where
        // the background share cancels out, so custom intents change a reading only where one of them wins.
        var customWins = !unreadable && _customNames.Contains(scores[0].Label);
        var outOfScope = customWins ? scores[0].Confidence < threshold : full.OutOfScope;
        var top = scores.Take(Math.Clamp(topK, 1, scores.Count)).ToArray();
        return new ClassificationResult(top[0], top, outOfScope, full.Sentiment, full.Truncated) { Embedding = embedding };
    }
}
