using Microsoft.ML.OnnxRuntime;

namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// The purchase-intent model: manifest + ONNX file run by ONNX Runtime. One <see cref="InferenceSession"/>,
/// built at load; every method is safe to call from many threads (ONNX Runtime's Run is thread-safe and
/// nothing here is mutated after construction).
/// </summary>
public sealed class PurchaseIntentModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly FeatureVector _vector;
    private readonly PurchaseIntentFeatures _baseline;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private PurchaseIntentModel(InferenceSession session, PurchaseIntentManifest manifest)
    {
        _session = session;
        Manifest = manifest;
        _vector = FeatureVector.Create(manifest.Features!, manifest.Imputation!);
        _baseline = ExplanationBaseline.From(manifest.ExplanationBaseline!);
        _inputNames = [manifest.Model!.Input!];
        _outputNames = [manifest.Model.Output!];
        Threshold = manifest.Threshold!.Value;
        MediumCutoff = manifest.Levels!.Medium!.Value;
        HighCutoff = manifest.Levels.High!.Value;
    }

    public PurchaseIntentManifest Manifest { get; }

    /// <summary>The cross-validated F1-maximising decision threshold.</summary>
    public double Threshold { get; }

    public double MediumCutoff { get; }
    public double HighCutoff { get; }

    /// <summary>Loads and validates a model folder (manifest.json + the ONNX file it names).</summary>
    public static PurchaseIntentModel Load(string modelDirectory)
    {
        var manifest = PurchaseIntentManifestReader.Read(modelDirectory);
        var modelPath = Path.Combine(modelDirectory, manifest.Model!.File!);
        InferenceSession session;
        try
        {
            // A few hundred small trees: one thread per call is fastest and leaves the cores to the callers.
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
            };
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new PurchaseIntentModelException($"{modelPath}: ONNX Runtime cannot load the model ({ex.Message}).", ex);
        }

        try
        {
            CheckSignature(session, manifest, modelPath);
            return new PurchaseIntentModel(session, manifest);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>P(purchase) of one session.</summary>
    public double Probability(PurchaseIntentFeatures session) => Probabilities([session])[0];

    /// <summary>P(purchase) of each session, in one model run.</summary>
    public double[] Probabilities(IReadOnlyList<PurchaseIntentFeatures> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0) return [];
        var width = _vector.Length;
        var input = new float[sessions.Count * width];
        for (var i = 0; i < sessions.Count; i++) _vector.Write(sessions[i], input.AsSpan(i * width, width));

        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(), [sessions.Count, width]);
        using var results = _session.Run(_runOptions, _inputNames, [tensor], _outputNames);
        var output = results[0].GetTensorDataAsSpan<float>();
        var probabilities = new double[sessions.Count];
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] = Math.Clamp(output[i], 0f, 1f);
        return probabilities;
    }

    /// <summary>
    /// Probability, level and the <paramref name="topFactors"/> features that drove it. The explanation
    /// resets each of the 17 UCI features in turn to the training baseline and scores all 18 rows in one
    /// run: the factor's contribution is p − p(reset). Cheap (one batch) and model-agnostic, but it measures
    /// each feature alone, so effects shared by correlated features (pages and their durations) are split
    /// unevenly and do not add up to p − p(baseline).
    /// </summary>
    public PurchaseIntentEstimate Estimate(PurchaseIntentFeatures session, int topFactors = 3)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegative(topFactors);
        var features = ExplanationBaseline.UciFeatures;
        var rows = new PurchaseIntentFeatures[features.Length + 1];
        rows[0] = session;
        for (var i = 0; i < features.Length; i++) rows[i + 1] = ExplanationBaseline.Reset(session, _baseline, features[i]);

        var p = Probabilities(rows);
        var factors = features
            .Select((name, i) => new PurchaseIntentFactor(name, ExplanationBaseline.Describe(session, name),
                ExplanationBaseline.Describe(_baseline, name), p[0] - p[i + 1]))
            .Where(f => f.Contribution != 0)
            .OrderByDescending(f => Math.Abs(f.Contribution))
            .ThenBy(f => f.Feature, StringComparer.Ordinal)
            .Take(topFactors)
            .ToArray();
        return new PurchaseIntentEstimate(p[0], LevelOf(p[0]), factors);
    }

    public PurchaseIntentLevel LevelOf(double probability) =>
        probability >= HighCutoff ? PurchaseIntentLevel.High
        : probability >= MediumCutoff ? PurchaseIntentLevel.Medium
        : PurchaseIntentLevel.Low;

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static void CheckSignature(InferenceSession session, PurchaseIntentManifest manifest, string modelPath)
    {
        var inputName = manifest.Model!.Input!;
        var outputName = manifest.Model.Output!;
        if (!session.InputMetadata.TryGetValue(inputName, out var input))
            throw new PurchaseIntentModelException($"{modelPath}: the model has no input '{inputName}' (model.input); it has {string.Join(", ", session.InputMetadata.Keys)}.");
        if (input.ElementType != typeof(float) || input.Dimensions.Length != 2)
            throw new PurchaseIntentModelException($"{modelPath}: input '{inputName}' must be a float tensor [batch, features].");
        var width = input.Dimensions[1];
        if (width != manifest.Features!.Count)
            throw new PurchaseIntentModelException($"{modelPath}: input '{inputName}' takes {width} features but manifest features lists {manifest.Features.Count}.");
        if (!session.OutputMetadata.TryGetValue(outputName, out var output))
            throw new PurchaseIntentModelException($"{modelPath}: the model has no output '{outputName}' (model.output); it has {string.Join(", ", session.OutputMetadata.Keys)}.");
        if (output.ElementType != typeof(float))
            throw new PurchaseIntentModelException($"{modelPath}: output '{outputName}' must be a float tensor.");
    }
}
