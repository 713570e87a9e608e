using IntentBot.Nlu.Batching;
using IntentBot.Nlu.Classification;
using IntentBot.Nlu.Inference;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Telemetry;
using IntentBot.Nlu.Tokenization;
using Microsoft.Extensions.Logging;

namespace IntentBot.Nlu;

/// <summary>
/// The loaded model: tokenizer, ONNX session, micro-batcher and result rules, built once from a model
/// folder. Tokenization runs on the caller's thread (so it spreads over cores); inference is batched.
/// </summary>
public sealed class NluEngine : ITextClassifier, IAsyncDisposable
{
    private readonly TextEncoder _encoder;
    private readonly OnnxModel _model;
    private readonly MicroBatcher _batcher;
    private readonly ResultFactory _results;
    private readonly int _defaultTopK;
    private int _disposed;

    private NluEngine(ModelManifest manifest, TextEncoder encoder, OnnxModel model, NluOptions options, ILogger logger)
    {
        _encoder = encoder;
        _model = model;
        _results = new ResultFactory(manifest);
        _defaultTopK = options.DefaultTopK;
        _batcher = new MicroBatcher(model, options, encoder.MaxSequenceLength, encoder.PadId, logger);
        Model = new ModelInfo(
            manifest.Name!, manifest.Version!, model.ExecutionProvider,
            manifest.Heads!.Intent!.Labels!.Select(l => new IntentLabel(l.Name!, l.Category!)).ToArray(),
            manifest.Heads.Sentiment!.Labels!.Select(l => l.Name!).ToArray(),
            manifest.OutOfScope!.Label, manifest.OutOfScope.ConfidenceThreshold,
            encoder.MaxSequenceLength, manifest.Metrics)
        {
            EmbeddingDimensions = model.EmbeddingDimensions,
        };
    }

    public ModelInfo Model { get; }
    public TextEncoder Encoder => _encoder;
    public BatchStatistics BatchStatistics => _batcher.Statistics;
    public int QueueLength => _batcher.QueueLength;

    /// <summary>Loads and validates a model folder; throws <see cref="ModelLoadException"/> saying what is wrong.</summary>
    public static NluEngine Load(string modelDirectory, NluOptions options, ILogger logger)
    {
        var manifest = ManifestReader.Read(modelDirectory);
        var encoder = TextEncoder.ForModel(modelDirectory, manifest);
        var model = OnnxModel.Load(Path.Combine(modelDirectory, manifest.Files!.Model!), manifest, options);
        // One line says what runs the model and why; a GPU that is installed but failed is worth a warning.
        logger.Log(model.Provider.Degraded ? LogLevel.Warning : LogLevel.Information,
            "Loaded model {Name} {Version} from {Path}; running it on {Provider} ({Reason}), {Runners} run(s) at a time of {Threads} thread(s) each, up to {BatchSize} texts per run.",
            manifest.Name, manifest.Version, modelDirectory, model.Provider.Name, model.Provider.Reason,
            ModelParallelism.Runners(options, model.ExecutionProvider),
            ModelParallelism.ThreadsPerRun(options) is > 0 and var threads ? threads : Environment.ProcessorCount,
            ModelParallelism.BatchSize(options, model.ExecutionProvider));
        return new NluEngine(manifest, encoder, model, options, logger);
    }

    public async Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];

        // Null (free) unless a tracer listens; the texts themselves never go on the span (PII).
        using var span = NluTelemetry.Source.StartActivity("nlu.classify");
        span?.SetTag("intentbot.nlu.texts", texts.Count);
        var encoded = new EncodedText[texts.Count];
        var ids = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = _encoder.Encode(SocialMarkup.Strip(texts[i]));
            ids[i] = encoded[i].Ids;
        }

        var outputs = await Task.WhenAll(_batcher.Enqueue(ids, cancellationToken)).ConfigureAwait(false);
        var k = topK ?? _defaultTopK;
        var results = new ClassificationResult[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            results[i] = _results.Create(outputs[i], encoded[i].Truncated, k, readable: encoded[i].Ids.Length > 2);
            NluTelemetry.RecordResult(results[i]);
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _model.Dispose();
    }
}
