using System.Text.RegularExpressions;
using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// Learns custom intents from their examples in seconds: embeds the examples and the background phrases with the
/// base model, checks them (too few, repeated, read confidently as a built-in intent, misread as another custom
/// intent under cross-validation), calibrates the regression's temperature on out-of-fold readings and fits the
/// head on every usable example. The background is embedded once per trainer.
/// </summary>
public sealed partial class CustomIntentTrainer(ITextClassifier baseClassifier)
{
    /// <summary>An example the base model reads as a built-in intent with at least this confidence says what that intent
    /// already means: the shop is told, with the phrase (<see cref="BuiltInOverlaps"/>).</summary>
    public const float ConflictConfidence = 0.8f;

    /// <summary>The background's weight in the fit, relative to one custom intent: more than one, because most
    /// messages a shop receives are built-in intents, and a custom intent must not grow into them.</summary>
    private const float BackgroundWeight = 3f;

    private const int Folds = 5;
    private static readonly float[] Temperatures = [0.5f, 0.75f, 1f, 1.25f, 1.5f, 2f, 2.5f, 3f, 4f];

    private readonly Lock _backgroundGate = new();
    private Task<(string Label, string Text, ClassificationResult Reading)[]>? _background;

    public ITextClassifier BaseClassifier { get; } = baseClassifier;

    public async Task<CustomIntentFit> FitAsync(IReadOnlyList<CustomIntent> intents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intents);
        var model = BaseClassifier.Model;
        var problems = new List<CustomIntentProblem>();
        var declared = CheckDeclarations(intents, model, problems);
        if (intents.Count == 0 || problems.Any(p => p.IsError)) return new CustomIntentFit(null, problems, []);
        if (model.EmbeddingDimensions == 0)
        {
            problems.Add(new CustomIntentProblem(true, intents[0].Source, $"examples: model {model.Name} {model.Version} has no sentence embedding, so it cannot learn custom intents (2.0 and later can)"));
            return new CustomIntentFit(null, problems, []);
        }

        var background = await BackgroundAsync(cancellationToken).ConfigureAwait(false);
        var readings = await ReadAllAsync(declared.SelectMany(d => d.Examples).ToArray(), cancellationToken).ConfigureAwait(false);
        var examples = new List<(int Intent, string Text, ClassificationResult Reading)>();
        var at = 0;
        for (var i = 0; i < declared.Count; i++)
        {
            var intent = declared[i];
            foreach (var text in intent.Examples)
            {
                examples.Add((i, text, readings[at++]));
            }
        }
        var exampleTexts = examples.Select(e => Normalise(e.Text)).ToHashSet(StringComparer.Ordinal);
        var overridden = declared.Select(d => d.Overrides).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // A background phrase of an overridden intent now belongs to the custom intent: it is no counter-example.
        var usable = background.Where(b => !overridden.Contains(b.Label) && !exampleTexts.Contains(Normalise(b.Text))).ToArray();
        var rows = new Rows(declared, examples, usable, model.OutOfScopeLabel);

        var overlapping = examples.Where(e => !e.Reading.OutOfScope && e.Reading.Intent.Confidence >= ConflictConfidence)
            .Select(e => (e.Intent, e.Reading.Intent.Label)).ToHashSet();
        var (temperature, crossValidation) = CrossValidate(model, declared, rows, overlapping);
        var overlaps = BuiltInOverlaps.Find(declared, examples, ConflictConfidence).ToList();
        problems.AddRange(overlaps);
        foreach (var misread in crossValidation.Where(c => c.Expected != CustomIntentFit.BuiltIn && c.Predicted != c.Expected))
        {
            if (overlaps.Any(o => BuiltInOverlaps.Names(o, misread.Text))) continue;
            var other = declared.FirstOrDefault(d => d.Name == misread.Predicted);
            problems.Add(new CustomIntentProblem(false, misread.Source, other is not null
                ? $"examples: '{misread.Text}' overlaps with {other.Name} ({other.Source}): left out of the fit it reads as {other.Name} ({misread.Confidence:0.00}); make the two intents' examples say different things"
                : $"examples: '{misread.Text}' is weak: left out of the fit it reads as {misread.Predicted} ({misread.Confidence:0.00}); add examples like it"));
        }
        foreach (var taken in crossValidation.Where(c => c.Expected == CustomIntentFit.BuiltIn && declared.Any(d => d.Name == c.Predicted)))
        {
            var owner = declared.First(d => d.Name == taken.Predicted);
            problems.Add(new CustomIntentProblem(false, owner.Source,
                $"examples: the built-in phrase '{taken.Text}' ({taken.Source}) reads as {owner.Name} ({taken.Confidence:0.00}) under cross-validation: {owner.Name}'s examples may be too broad"));
        }
        var all = Enumerable.Range(0, rows.Count).ToArray();
        var head = new CustomIntentHead(model, declared, rows.Fit(all), temperature, rows.Nearest(all), rows.Markers(all), overlapping);
        return new CustomIntentFit(head, problems, crossValidation);
    }

    /// <summary>Checks names and examples before anything is embedded; returns the intents with their examples
    /// trimmed and de-duplicated.</summary>
    private static List<CustomIntent> CheckDeclarations(IReadOnlyList<CustomIntent> intents, ModelInfo model, List<CustomIntentProblem> problems)
    {
        var builtIn = model.Intents.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var owners = new Dictionary<string, CustomIntent>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, CustomIntent>(StringComparer.Ordinal);
        var declared = new List<CustomIntent>();
        foreach (var intent in intents)
        {
            void Error(string message) => problems.Add(new CustomIntentProblem(true, intent.Source, message));
            if (!LabelPattern().IsMatch(intent.Name)) Error($"intent: '{intent.Name}' is not a valid label (lower-case letters, digits and _, starting with a letter)");
            else if (builtIn.Contains(intent.Name))
                Error($"examples: '{intent.Name}' is a built-in intent, which examples cannot change; give the intent a new name and set overrides: {intent.Name} to replace it");
            else if (!names.Add(intent.Name)) Error($"intent: '{intent.Name}' is declared twice");
            if (intent.Overrides is { } replaced)
            {
                if (!builtIn.Contains(replaced) || replaced == model.OutOfScopeLabel)
                    Error($"overrides: '{replaced}' is not a built-in intent (it can be one of: {string.Join(", ", builtIn.Where(b => b != model.OutOfScopeLabel).Order())})");
                else if (!overrides.TryAdd(replaced, intent)) Error($"overrides: {replaced} is already overridden by {overrides[replaced].Name} ({overrides[replaced].Source})");
            }

            var kept = new List<string>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < intent.Examples.Count; i++)
            {
                var text = intent.Examples[i]?.Trim() ?? "";
                if (text.Length == 0) { Error($"examples[{i}]: empty"); continue; }
                var key = Normalise(text);
                if (seen.TryGetValue(key, out var first))
                {
                    problems.Add(new CustomIntentProblem(false, intent.Source, $"examples[{i}]: '{text}' repeats examples[{first}]; it counts once"));
                    continue;
                }
                seen[key] = i;
                if (owners.TryGetValue(key, out var owner) && owner != intent)
                {
                    Error($"examples[{i}]: '{text}' is also an example of {owner.Name} ({owner.Source}); one phrase cannot mean two intents");
                    continue;
                }
                owners[key] = intent;
                kept.Add(text);
            }
            if (kept.Count < CustomIntent.MinimumExamples)
                Error($"examples: {intent.Name} has {kept.Count} different examples, it needs at least {CustomIntent.MinimumExamples} (10 or more read best): add phrases customers would write");
            declared.Add(intent with { Examples = kept, Category = string.IsNullOrWhiteSpace(intent.Category) ? CustomIntent.DefaultCategory : intent.Category.Trim() });
        }
        return declared;
    }

    /// <summary>Fits on all folds but one and reads the held-out phrases with the combined rule, for every fold; picks
    /// the temperature that gives the held-out phrases the most likely readings.</summary>
    private static (float Temperature, List<CrossValidatedPhrase> Readings) CrossValidate(ModelInfo model, List<CustomIntent> declared, Rows rows,
        IReadOnlySet<(int, string)> overlapping)
    {
        var fold = rows.FoldOf(Folds);
        var heldOut = new (SoftmaxRegression Regression, NearestExamples Nearest, MarkerWords Markers)[rows.Count];
        for (var f = 0; f < Folds; f++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(r => fold[r] != f).ToArray();
            if (train.Length == rows.Count) continue;
            // The held-out phrases are left out of the nearest-example anchors too: a phrase is always nearest to itself.
            var fitted = (rows.Fit(train), rows.Nearest(train), rows.Markers(train));
            foreach (var r in Enumerable.Range(0, rows.Count).Where(r => fold[r] == f)) heldOut[r] = fitted;
        }

        var best = (Temperature: 1f, Loss: double.MaxValue);
        foreach (var t in Temperatures)
        {
            var loss = 0d;
            for (var r = 0; r < rows.Count; r++)
                loss -= rows.Weights[r] * Math.Log(Math.Max(heldOut[r].Regression.Predict(rows.Embeddings[r], t)[rows.Labels[r]], 1e-9f));
            if (loss < best.Loss) best = (t, loss);
        }

        var readings = new List<CrossValidatedPhrase>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var head = new CustomIntentHead(model, declared, heldOut[r].Regression, best.Temperature, heldOut[r].Nearest, heldOut[r].Markers, overlapping);
            var result = head.Apply(rows.Readings[r], 1, rows.Texts[r]);
            var predicted = result.OutOfScope && model.OutOfScopeLabel is { } oos ? oos : result.Intent.Label;
            var expected = rows.Labels[r] < declared.Count ? declared[rows.Labels[r]].Name : CustomIntentFit.BuiltIn;
            var source = rows.Labels[r] < declared.Count ? declared[rows.Labels[r]].Source : rows.BackgroundLabels[r];
            readings.Add(new CrossValidatedPhrase(expected, rows.Texts[r], source, predicted, result.Intent.Confidence));
        }
        return (best.Temperature, readings);
    }

    /// <summary>The background's readings, computed once (again after a failure, e.g. a saturated queue).</summary>
    private Task<(string Label, string Text, ClassificationResult Reading)[]> BackgroundAsync(CancellationToken cancellationToken)
    {
        lock (_backgroundGate)
        {
            if (_background is null || _background.IsFaulted || _background.IsCanceled) _background = ReadBackgroundAsync(cancellationToken);
            return _background;
        }
    }

    private async Task<(string Label, string Text, ClassificationResult Reading)[]> ReadBackgroundAsync(CancellationToken cancellationToken)
    {
        var phrases = BackgroundPhrases.Load();
        var readings = await ReadAllAsync(phrases.Select(p => p.Text).ToArray(), cancellationToken).ConfigureAwait(false);
        return phrases.Select((p, i) => (p.Label, p.Text, readings[i])).ToArray();
    }

    /// <summary>Every base label's probability and the embedding of each text, in chunks the batcher's queue takes easily.</summary>
    private async Task<ClassificationResult[]> ReadAllAsync(string[] texts, CancellationToken cancellationToken)
    {
        var all = BaseClassifier.Model.Intents.Count;
        var results = new List<ClassificationResult>(texts.Length);
        foreach (var chunk in texts.Chunk(256))
            results.AddRange(await BaseClassifier.ClassifyAsync(chunk, all, cancellationToken).ConfigureAwait(false));
        return results.ToArray();
    }

    private static string Normalise(string text) => WhiteSpace().Replace(text.Trim().ToLowerInvariant(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex LabelPattern();

    /// <summary>The fit's rows: custom examples first (label = intent index), then the background (label = intent count).</summary>
    private sealed class Rows
    {
        private readonly int _classes;
        private readonly string? _outOfScopeLabel;

        public Rows(IReadOnlyList<CustomIntent> declared, List<(int Intent, string Text, ClassificationResult Reading)> examples,
            (string Label, string Text, ClassificationResult Reading)[] background, string? outOfScopeLabel)
        {
            _classes = declared.Count + 1;
            _outOfScopeLabel = outOfScopeLabel;
            var perIntent = examples.GroupBy(e => e.Intent).ToDictionary(g => g.Key, g => g.Count());
            foreach (var e in examples) Add(e.Intent, e.Text, e.Reading, 1f / perIntent[e.Intent], "");
            foreach (var b in background) Add(declared.Count, b.Text, b.Reading, BackgroundWeight / background.Length, b.Label);
        }

        public List<float[]> Embeddings { get; } = [];
        public List<int> Labels { get; } = [];
        public List<float> Weights { get; } = [];
        public List<string> Texts { get; } = [];
        public List<string> BackgroundLabels { get; } = [];
        public List<ClassificationResult> Readings { get; } = [];
        public int Count => Labels.Count;

        private void Add(int label, string text, ClassificationResult reading, float weight, string backgroundLabel)
        {
            Embeddings.Add(reading.Embedding!);
            Labels.Add(label);
            Weights.Add(weight);
            Texts.Add(text);
            BackgroundLabels.Add(backgroundLabel);
            Readings.Add(reading);
        }

        public SoftmaxRegression Fit(IEnumerable<int> rows)
        {
            var chosen = rows.ToArray();
            return SoftmaxRegression.Fit(chosen.Select(r => Embeddings[r]).ToArray(), chosen.Select(r => Labels[r]).ToArray(), _classes,
                chosen.Select(r => Weights[r]).ToArray());
        }

        /// <summary>The nearest-example anchors of the given rows: each custom intent's examples, each built-in label's phrases.</summary>
        public NearestExamples Nearest(IReadOnlyList<int> rows)
        {
            var examples = Enumerable.Range(0, _classes - 1).Select(c => rows.Where(r => Labels[r] == c).Select(r => Embeddings[r]).ToArray()).ToArray();
            var background = rows.Where(r => Labels[r] == _classes - 1).GroupBy(r => BackgroundLabels[r], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => Embeddings[r]).ToArray(), StringComparer.Ordinal);
            return new NearestExamples(examples, background, _outOfScopeLabel);
        }

        /// <summary>The marker words of the given rows' examples against the given rows' background phrases.</summary>
        public MarkerWords Markers(IReadOnlyList<int> rows) =>
            new(Enumerable.Range(0, _classes - 1).Select(c => (IReadOnlyList<string>)rows.Where(r => Labels[r] == c).Select(r => Texts[r]).ToArray()).ToArray(),
                rows.Where(r => Labels[r] == _classes - 1).Select(r => Texts[r]));

        /// <summary>Stratified folds: each class's rows are dealt out in turn, so every fold holds some of each.</summary>
        public int[] FoldOf(int folds)
        {
            var fold = new int[Count];
            var next = new int[_classes];
            for (var r = 0; r < Count; r++) fold[r] = next[Labels[r]]++ % folds;
            return fold;
        }
    }
}
