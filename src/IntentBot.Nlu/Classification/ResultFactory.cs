using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;

namespace IntentBot.Nlu.Classification;

/// <summary>
/// Turns logits into probabilities, top-k intents, the out-of-scope verdict and sentiment, using the
/// manifest's label order, temperatures and threshold (the same rule the training pipeline calibrated).
/// </summary>
public sealed class ResultFactory
{
    private readonly IntentScore[] _intentLabels;
    private readonly float _intentTemperature;
    private readonly float _sentimentTemperature;
    private readonly int _outOfScopeIndex;
    private readonly float _threshold;
    private readonly int _negative, _neutral, _positive;

    public ResultFactory(ModelManifest manifest)
    {
        var intent = manifest.Heads!.Intent!;
        _intentLabels = intent.Labels!.Select(l => new IntentScore(l.Name!, l.Category ?? "", 0f)).ToArray();
        _intentTemperature = intent.Temperature;
        var sentiment = manifest.Heads.Sentiment!;
        _sentimentTemperature = sentiment.Temperature;
        var names = sentiment.Labels!.Select(l => l.Name).ToList();
        (_negative, _neutral, _positive) = (names.IndexOf("negative"), names.IndexOf("neutral"), names.IndexOf("positive"));
        var oosLabel = manifest.OutOfScope?.Label;
        _outOfScopeIndex = oosLabel is null ? -1 : Array.FindIndex(_intentLabels, l => l.Label == oosLabel);
        _threshold = manifest.OutOfScope?.ConfidenceThreshold ?? 0f;
    }

    /// <param name="readable">False when the text held no token the model knows (only emoji, symbols or
    /// control characters, which the tokenizer drops): such a text carries no intent, so it is out of scope
    /// whatever the model guesses from an empty sequence.</param>
    public ClassificationResult Create(ModelOutputs outputs, bool truncated, int topK, bool readable = true)
    {
        var intentProbs = Softmax(outputs.IntentLogits, _intentTemperature);
        var top = TopK(intentProbs, Math.Clamp(topK, 1, intentProbs.Length));
        var intents = top.Select(i => _intentLabels[i] with { Confidence = intentProbs[i] }).ToArray();

        var outOfScope = !readable || top[0] == _outOfScopeIndex || BestInScope(intentProbs) < _threshold;

        var s = Softmax(outputs.SentimentLogits, _sentimentTemperature);
        var scores = new SentimentScores(s[_negative], s[_neutral], s[_positive]);
        var best = ArgMax(s);
        var label = best == _negative ? "negative" : best == _neutral ? "neutral" : "positive";
        return new ClassificationResult(intents[0], intents, outOfScope, new SentimentResult(label, s[best], scores), truncated)
        {
            Embedding = outputs.Embedding,
        };
    }

    private float BestInScope(float[] probs)
    {
        var best = 0f;
        for (var i = 0; i < probs.Length; i++)
            if (i != _outOfScopeIndex && probs[i] > best) best = probs[i];
        return best;
    }

    internal static float[] Softmax(float[] logits, float temperature)
    {
        var probs = new float[logits.Length];
        var max = logits.Max();
        var sum = 0d;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp((logits[i] - max) / temperature);
            probs[i] = (float)e;
            sum += e;
        }
        for (var i = 0; i < probs.Length; i++) probs[i] = (float)(probs[i] / sum);
        return probs;
    }

    private static int[] TopK(float[] probs, int k)
    {
        var order = Enumerable.Range(0, probs.Length).ToArray();
        Array.Sort(order, (a, b) => probs[b].CompareTo(probs[a]));
        return order[..k];
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
