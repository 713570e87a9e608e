using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using IntentBot.Nlu.Manifest;

namespace IntentBot.Testing;

/// <summary>What the scripted classifier answers for one message: the top intent, the runners-up, the
/// out-of-scope verdict and the sentiment.</summary>
/// <remarks>Confidences are what the rules downstream compare with their thresholds, so a test states them
/// exactly ("0.54, just under the clarification threshold") instead of hoping a model lands there.</remarks>
public sealed record Reading(string Intent, double Confidence)
{
    public bool OutOfScope { get; init; }
    public string Sentiment { get; init; } = "neutral";
    public double SentimentConfidence { get; init; } = 0.9;
    public IReadOnlyList<(string Intent, double Confidence)> RunnersUp { get; init; } = [];

    public static Reading Of(string intent, double confidence) => new(intent, confidence);

    /// <summary>The model's out-of-scope label on top.</summary>
    public static Reading OffTopic(double confidence = 0.9) => new(ScriptedClassifier.OutOfScopeLabel, confidence) { OutOfScope = true };

    public Reading Or(string intent, double confidence) => this with { RunnersUp = [.. RunnersUp, (intent, confidence)] };

    public Reading Negative(double confidence) => this with { Sentiment = "negative", SentimentConfidence = confidence };

    public Reading Positive(double confidence) => this with { Sentiment = "positive", SentimentConfidence = confidence };
}

/// <summary>
/// An <see cref="ITextClassifier"/> for tests of the rules that read the classifier's answers (the agent's
/// clarification, interruption, sentiment and shop-name thresholds): each message gets the reading the test
/// scripted for it, so those rules are tested whatever model ships.
/// </summary>
/// <remarks>
/// The labels are the shipped model's, read from its manifest (no ONNX session is loaded), so the real dialogs
/// validate against this classifier exactly as against the model, and a script naming a label the model does not
/// have fails at once. A message nobody scripted throws: a test must say how every message it sends is read.
/// Mind that the agent's second reading of an out-of-scope message swallows classifier errors by design, so a
/// test of it scripts the second text too and checks <see cref="Classified"/>.
/// </remarks>
public sealed class ScriptedClassifier : ITextClassifier
{
    public const string OutOfScopeLabel = "out_of_scope";

    private readonly Dictionary<string, Reading> _script = new(StringComparer.Ordinal);
    private readonly List<string> _classified = [];

    private ScriptedClassifier(ModelInfo model) => Model = model;

    public ModelInfo Model { get; }

    /// <summary>Every text classified so far, in order (the agent classifies each message once, plus second readings).</summary>
    public IReadOnlyList<string> Classified
    {
        get { lock (_classified) return [.. _classified]; }
    }

    /// <summary>A classifier with the labels of the model in this folder (its manifest only).</summary>
    public static ScriptedClassifier WithLabelsOf(string modelDirectory)
    {
        var manifest = ManifestReader.Read(modelDirectory);
        return new ScriptedClassifier(new ModelInfo(
            "scripted", manifest.Version ?? "0", "none",
            manifest.Heads!.Intent!.Labels!.Select(l => new IntentLabel(l.Name!, l.Category ?? "")).ToArray(),
            manifest.Heads.Sentiment!.Labels!.Select(l => l.Name!).ToArray(),
            manifest.OutOfScope?.Label, manifest.OutOfScope?.ConfidenceThreshold ?? 0f,
            manifest.Tokenizer?.MaxSequenceLength ?? 128, null));
    }

    public ScriptedClassifier Reads(string text, Reading reading)
    {
        foreach (var (intent, confidence) in reading.RunnersUp.Prepend((reading.Intent, reading.Confidence)))
        {
            if (!Model.Intents.Any(l => l.Name == intent))
                throw new ArgumentException($"The model has no intent '{intent}' (script for \"{text}\").", nameof(reading));
            if (confidence is < 0 or > 1) throw new ArgumentException($"Confidence {confidence} of '{intent}' is not a probability.", nameof(reading));
            if (confidence > reading.Confidence) throw new ArgumentException($"Runner-up '{intent}' outranks the top intent.", nameof(reading));
        }
        if (reading.Confidence + reading.RunnersUp.Sum(r => r.Confidence) > 1.0001)
            throw new ArgumentException($"The intent probabilities for \"{text}\" add up to more than 1.", nameof(reading));
        if (!Model.Sentiments.Contains(reading.Sentiment))
            throw new ArgumentException($"The model has no sentiment '{reading.Sentiment}'.", nameof(reading));
        // The label named must be the most probable of three, as the model's would be.
        if (reading.SentimentConfidence is <= 1.0 / 3 or > 1)
            throw new ArgumentException($"Sentiment confidence {reading.SentimentConfidence} cannot be the top of three.", nameof(reading));
        _script[text] = reading;
        return this;
    }

    public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        lock (_classified) _classified.AddRange(texts);
        var results = texts.Select(text => _script.TryGetValue(text, out var reading)
            ? Result(reading, Math.Clamp(topK ?? 3, 1, Model.Intents.Count))
            : throw new InvalidOperationException($"No reading scripted for \"{text}\".")).ToArray();
        return Task.FromResult<IReadOnlyList<ClassificationResult>>(results);
    }

    /// <summary>The scripted probabilities, the rest of the mass spread evenly over the other labels.</summary>
    private ClassificationResult Result(Reading reading, int topK)
    {
        var scripted = reading.RunnersUp.Prepend((reading.Intent, reading.Confidence)).ToDictionary(r => r.Item1, r => r.Item2);
        var rest = (1 - scripted.Values.Sum()) / Math.Max(1, Model.Intents.Count - scripted.Count);
        var intents = Model.Intents
            .Select(l => new IntentScore(l.Name, l.Category, (float)scripted.GetValueOrDefault(l.Name, rest)))
            .OrderByDescending(s => s.Confidence).ThenByDescending(s => scripted.ContainsKey(s.Label))
            .Take(topK).ToArray();

        var other = (float)((1 - reading.SentimentConfidence) / 2);
        float Score(string label) => label == reading.Sentiment ? (float)reading.SentimentConfidence : other;
        var sentiment = new SentimentResult(reading.Sentiment, (float)reading.SentimentConfidence,
            new SentimentScores(Score("negative"), Score("neutral"), Score("positive")));
        return new ClassificationResult(intents[0], intents, reading.OutOfScope, sentiment, Truncated: false);
    }
}
