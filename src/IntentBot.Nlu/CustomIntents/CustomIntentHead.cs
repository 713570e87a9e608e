using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// The fitted custom intents: a softmax regression over the sentence embedding that tells each custom intent
/// from "anything else" (the background: every built-in intent and out of scope). A message is read by both
/// heads at once: a custom intent gets the regression's probability, each built-in label its base probability
/// times the regression's background probability, so the scores stay one distribution, whose top label wins.
/// A custom winner must then also be nearer to one of its examples than to the phrases of the base model's top
/// label (<see cref="NearestExamples"/>), else the base reading stands unchanged, so a custom intent never takes
/// a message that looks more like a built-in intent's phrases than like the shop's. Where the base model reads a
/// message in scope and the regression leaves it there, a custom intent still takes it when the message is clearly
/// nearer to its examples than to that label's phrases, or names a word only its examples use and is near one of
/// them (<see cref="MarkerWords"/>): the base label's probability then counts for the custom intent, because the
/// base model had no label for what the message is about. Not from a built-in label the intent overlaps (some of
/// its examples already read confidently as that label, <see cref="BuiltInOverlaps"/>): there the words are shared.
/// A message the base model rejects is taken so only when the message is clearly nearer to the examples than to
/// any out-of-scope phrase and the base model gives out of scope less than half its probability. One out-of-scope rule, the
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
    private readonly MarkerWords? _markers;
    private readonly IReadOnlySet<(int Intent, string BuiltIn)> _overlaps;

    /// <summary>Below this probability on the out-of-scope label the base model doubts its own rejection.</summary>
    private const float DoubtfulRejection = 0.5f;

    /// <param name="overlaps">The built-in labels each custom intent overlaps (by index): they keep their messages.</param>
    internal CustomIntentHead(ModelInfo baseModel, IReadOnlyList<CustomIntent> intents, SoftmaxRegression regression, float temperature,
        NearestExamples nearest, MarkerWords? markers = null, IReadOnlySet<(int Intent, string BuiltIn)>? overlaps = null)
    {
        (_base, Intents, _regression, _temperature, _nearest, _markers) = (baseModel, intents, regression, temperature, nearest, markers);
        _overlaps = overlaps ?? new HashSet<(int, string)>();
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
    /// <param name="text">The text read, for its marker words (none are looked for without it).</param>
    public ClassificationResult Apply(ClassificationResult full, int topK, string? text = null)
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

        if (unreadable) return Result(scores, topK, full.OutOfScope, full);
        // The base reading is the base model's top label (the out-of-scope label when it reads the text as such).
        var baseLabel = full.Intent.Label;
        var leads = _customIndex.TryGetValue(scores[0].Label, out var winner);
        // A custom intent that replaces the base label owns it; any other must be nearer to its own examples.
        if (leads && ((_overridden.TryGetValue(baseLabel, out var replacer) && replacer == winner) || _nearest.Prefers(embedding, winner, baseLabel)))
            return Result(scores, topK, scores[0].Confidence < threshold, full);
        if (full.OutOfScope)
        {
            // Out of scope has too few phrases to describe everything else: only where the base model itself doubts its
            // verdict (less than half its probability on the out-of-scope label) may a clearly nearer message leave it.
            var rejection = full.Intents.FirstOrDefault(s => s.Label == oos)?.Confidence ?? 1f;
            if (oos is not null && rejection < DoubtfulRejection && _nearest.Clearly(embedding, oos) is { } clear)
                return Taking(scores, clear, oos, background * rejection, topK, full);
        }
        else if (TakenFromBase(embedding, baseLabel, text) is { } taken)
        {
            return Taking(scores, taken, baseLabel, background * full.Intent.Confidence, topK, full);
        }
        return leads ? BaseReading(full, topK) : Result(scores, topK, full.OutOfScope, full);
    }

    /// <summary>The custom intent that takes an in-scope base reading, or null.</summary>
    private int? TakenFromBase(float[] embedding, string baseLabel, string? text)
    {
        if (_overridden.ContainsKey(baseLabel)) return null;
        var taken = _nearest.Clearly(embedding, baseLabel)
            ?? (text is not null && _markers?.NamedBy(text) is { } named && _nearest.Near(embedding, named) ? named : null);
        return taken is { } intent && !_overlaps.Contains((intent, baseLabel)) ? intent : null;
    }

    /// <summary>The combined scores with the base label's probability moved to the custom intent that takes its message.</summary>
    private ClassificationResult Taking(List<IntentScore> scores, int intent, string baseLabel, float baseShare, int topK, ClassificationResult full)
    {
        var name = Intents[intent].Name;
        var moved = scores.Where(s => s.Label != baseLabel)
            .Select(s => s.Label == name ? s with { Confidence = s.Confidence + baseShare } : s).ToList();
        moved.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return Result(moved, topK, moved[0].Confidence < _base.OutOfScopeThreshold, full);
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
