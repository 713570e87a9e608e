using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// The fitted custom intents: a softmax regression over the sentence embedding that tells each custom intent
/// from "anything else" (the background: every built-in intent and out of scope). A message is read by both
/// heads at once: a custom intent gets the regression's probability, each built-in label its base probability
/// times the regression's background probability, so the scores stay one distribution, whose top label wins.
/// A custom winner must then also be nearer to one of its examples than to the phrases of the base model's top
/// label (<see cref="NearestExamples"/>), else the base reading stands unchanged, so a custom intent never takes
/// a message that looks more like a built-in intent's phrases than like the shop's. One out-of-scope rule, the
/// model's calibrated threshold, then decides for the winner: on the base distribution for a built-in winner (the
/// base verdict), on the regression's probability for a custom one (its temperature calibrated under
/// cross-validation, so the two probabilities mean the same).
/// </summary>
public sealed class CustomIntentHead
{
    private readonly SoftmaxRegression _regression;
    private readonly float _temperature;
    private readonly ModelInfo _base;
    private readonly Dictionary<string, int> _overridden;
    private readonly Dictionary<string, int> _customIndex;
    private readonly NearestExamples _nearest;

    internal CustomIntentHead(ModelInfo baseModel, IReadOnlyList<CustomIntent> intents, SoftmaxRegression regression, float temperature,
        NearestExamples nearest)
    {
        (_base, Intents, _regression, _temperature, _nearest) = (baseModel, intents, regression, temperature, nearest);
        _overridden = intents.Select((intent, index) => (intent, index)).Where(x => x.intent.Overrides is not null)
            .ToDictionary(x => x.intent.Overrides!, x => x.index, StringComparer.Ordinal);
        _customIndex = intents.Select((intent, index) => (intent.Name, index)).ToDictionary(x => x.Name, x => x.index, StringComparer.Ordinal);
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

        if (unreadable || !_customIndex.TryGetValue(scores[0].Label, out var winner))
            return Result(scores, topK, full.OutOfScope, full);

        // The base reading is the base model's top label (the out-of-scope label when it reads the text as such). A
        // custom intent that replaces that label owns it; any other must be nearer to its own examples.
        var baseLabel = full.Intent.Label;
        var owns = _overridden.TryGetValue(baseLabel, out var replacer) && replacer == winner;
        if (!owns && !_nearest.Prefers(embedding, winner, baseLabel)) return BaseReading(full, topK);
        return Result(scores, topK, scores[0].Confidence < threshold, full);
    }

    /// <summary>The base model's reading with the custom labels added at no probability (overridden labels counted
    /// for the custom intent that replaces them), and its own out-of-scope verdict.</summary>
    private ClassificationResult BaseReading(ClassificationResult full, int topK)
    {
        var owned = new float[Intents.Count];
        var scores = new List<IntentScore>(full.Intents.Count + Intents.Count);
        foreach (var score in full.Intents)
        {
            if (_overridden.TryGetValue(score.Label, out var owner)) owned[owner] += score.Confidence;
            else scores.Add(score);
        }
        for (var i = 0; i < Intents.Count; i++) scores.Add(new IntentScore(Intents[i].Name, Intents[i].Category, owned[i]));
        scores.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return Result(scores, topK, full.OutOfScope, full);
    }

    private static ClassificationResult Result(List<IntentScore> scores, int topK, bool outOfScope, ClassificationResult full)
    {
        var top = scores.Take(Math.Clamp(topK, 1, scores.Count)).ToArray();
        return new ClassificationResult(top[0], top, outOfScope, full.Sentiment, full.Truncated) { Embedding = full.Embedding };
    }
}
