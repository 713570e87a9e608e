using IntentBot.Nlu.Batching;
using IntentBot.Nlu.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace IntentBot.Nlu.Inference;

/// <summary>
/// One ONNX Runtime session over the model, built once. <see cref="Run"/> takes a padded batch and is
/// safe to call from several threads, though the batcher calls it from one.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _feedsTokenTypes;

    // One native RunOptions for every run: it is never changed after creation, and creating one per batch
    // would cost a native allocation and release on the hot path.
    private readonly RunOptions _runOptions = new();

    private OnnxModel(InferenceSession session, ModelManifest manifest, ProviderChoice provider)
    {
        _session = session;
        Provider = provider;
        var inputs = manifest.Inputs!;
        _feedsTokenTypes = !string.IsNullOrEmpty(inputs.TokenTypeIds);
        _inputNames = _feedsTokenTypes
            ? [inputs.InputIds!, inputs.AttentionMask!, inputs.TokenTypeIds!]
            : [inputs.InputIds!, inputs.AttentionMask!];
        _outputNames = manifest.Embedding is { } embedding
            ? [manifest.Heads!.Intent!.Output!, manifest.Heads.Sentiment!.Output!, embedding.Output!]
            : [manifest.Heads!.Intent!.Output!, manifest.Heads.Sentiment!.Output!];
        IntentCount = manifest.Heads.Intent.Labels!.Count;
        SentimentCount = manifest.Heads.Sentiment.Labels!.Count;
        EmbeddingDimensions = manifest.Embedding?.Dimensions ?? 0;
    }

    /// <summary>"CPU" or "CUDA": what actually runs the model.</summary>
    public string ExecutionProvider => Provider.Name;

    /// <summary>What runs the model and why, for the start-up log.</summary>
    public ProviderChoice Provider { get; }
    public int IntentCount { get; }
    public int SentimentCount { get; }

    /// <summary>Length of the sentence embedding; 0 when the model has none.</summary>
    public int EmbeddingDimensions { get; }

    public static OnnxModel Load(string modelPath, ModelManifest manifest, NluOptions options)
    {
        var (session, provider) = CreateSession(modelPath, options);
        try
        {
            CheckSignature(session, manifest, modelPath);
            return new OnnxModel(session, manifest, provider);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a batch. Buffers are row-major [batch, sequence]; only the first batch*sequence elements
    /// are read, so callers can pass reusable buffers sized for the largest batch.
    /// </summary>
    public ModelOutputs[] Run(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int batch, int sequence)
    {
        long[] shape = [batch, sequence];
        var length = batch * sequence;
        using var ids = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputIds.AsMemory(0, length), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, attentionMask.AsMemory(0, length), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tokenTypeIds.AsMemory(0, length), shape);
        OrtValue[] feeds = _feedsTokenTypes ? [ids, mask, types] : [ids, mask];

        using var results = _session.Run(_runOptions, _inputNames, feeds, _outputNames);
        var intents = results[0].GetTensorDataAsSpan<float>();
        var sentiments = results[1].GetTensorDataAsSpan<float>();
        var embeddings = EmbeddingDimensions > 0 ? results[2].GetTensorDataAsSpan<float>() : default;

        var outputs = new ModelOutputs[batch];
        for (var i = 0; i < batch; i++)
        {
            outputs[i] = new ModelOutputs(
                intents.Slice(i * IntentCount, IntentCount).ToArray(),
                sentiments.Slice(i * SentimentCount, SentimentCount).ToArray(),
                EmbeddingDimensions > 0 ? embeddings.Slice(i * EmbeddingDimensions, EmbeddingDimensions).ToArray() : null);
        }
        return outputs;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static (InferenceSession Session, ProviderChoice Choice) CreateSession(string modelPath, NluOptions options)
    {
        if (options.ExecutionProvider == ExecutionProviderKind.Cpu)
            return (CreateCpuSession(modelPath, options), new ProviderChoice("CPU", "Nlu:ExecutionProvider is Cpu", Degraded: false));

        var unavailable = CudaProbe.Unavailable();
        if (unavailable is null)
        {
            try
            {
                return (CreateCudaSession(modelPath, options), new ProviderChoice("CUDA", $"GPU {options.CudaDeviceId}", Degraded: false));
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or TypeInitializationException)
            {
                if (options.ExecutionProvider == ExecutionProviderKind.Cuda)
                    throw new ModelLoadException($"Nlu:ExecutionProvider is Cuda but CUDA cannot be used: {FirstLine(ex.Message)}", ex);
                // The libraries are there, so someone meant this host to use its GPU: worth a warning.
                return (CreateCpuSession(modelPath, options),
                    new ProviderChoice("CPU", $"CUDA is installed but failed to start ({FirstLine(ex.Message)})", Degraded: true));
            }
        }
        if (options.ExecutionProvider == ExecutionProviderKind.Cuda)
            throw new ModelLoadException($"Nlu:ExecutionProvider is Cuda but CUDA cannot be used: {unavailable}.");
        return (CreateCpuSession(modelPath, options), new ProviderChoice("CPU", $"CUDA unavailable: {unavailable}", Degraded: false));
    }

    private static InferenceSession CreateCudaSession(string modelPath, NluOptions options)
    {
        using var sessionOptions = BaseOptions(options);
        // Both calls can still throw after the probe passed (no device, a driver too old for CUDA 13).
        sessionOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
        return new InferenceSession(modelPath, sessionOptions);
    }

    private static InferenceSession CreateCpuSession(string modelPath, NluOptions options)
    {
        using var sessionOptions = BaseOptions(options);
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"{modelPath}: ONNX Runtime cannot load the model ({ex.Message}).", ex);
        }
    }

    private static SessionOptions BaseOptions(NluOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = ModelParallelism.ThreadsPerRun(options),
            InterOpNumThreads = 1,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.IntraOpSpinning ? "1" : "0");
        return sessionOptions;
    }

    private static string FirstLine(string message) => message.Trim().Split('\n')[0].Trim();

    private static void CheckSignature(InferenceSession session, ModelManifest manifest, string modelPath)
    {
        var errors = new List<string>();
        var inputs = manifest.Inputs!;
        foreach (var name in new[] { inputs.InputIds, inputs.AttentionMask, inputs.TokenTypeIds })
        {
            if (string.IsNullOrEmpty(name)) continue;
            if (!session.InputMetadata.TryGetValue(name, out var meta))
                errors.Add($"input '{name}' named in the manifest is not a model input (model has: {string.Join(", ", session.InputMetadata.Keys)})");
            else if (meta.ElementType != typeof(long))
                errors.Add($"input '{name}' is {meta.ElementType.Name}, expected int64");
        }
        CheckHead(session, "heads.intent", manifest.Heads!.Intent!, errors);
        CheckHead(session, "heads.sentiment", manifest.Heads.Sentiment!, errors);
        if (manifest.Embedding is { } embedding)
            CheckOutput(session, "embedding.output", embedding.Output!, embedding.Dimensions, errors);
        if (errors.Count > 0)
            throw new ModelLoadException($"{modelPath}: the model does not match its manifest:{Environment.NewLine}  - " + string.Join(Environment.NewLine + "  - ", errors));
    }

    private static void CheckHead(InferenceSession session, string field, HeadSpec head, List<string> errors) =>
        CheckOutput(session, field + ".output", head.Output!, head.Labels!.Count, errors, $"{head.Labels.Count} labels, but ");

    private static void CheckOutput(InferenceSession session, string field, string output, int width, List<string> errors, string what = "")
    {
        if (!session.OutputMetadata.TryGetValue(output, out var meta))
        {
            errors.Add($"{field} '{output}' is not a model output (model has: {string.Join(", ", session.OutputMetadata.Keys)})");
            return;
        }
        var dims = meta.Dimensions;
        if (dims.Length != 2 || dims[^1] != width)
            errors.Add($"{field}: {what}output '{output}' has shape [{string.Join(", ", dims)}] (expected [batch, {width}])");
    }
}
